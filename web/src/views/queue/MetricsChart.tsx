// The median first response per week, one line per business function. The figures are in
// the table beside it, so the picture is hidden from screen readers.
import { useTranslation } from "react-i18next";
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { BusinessFunction } from "../../gql/graphql";
import { seriesColour } from "../../lib/colours";
import { useFormat } from "../../lib/format";
import { FUNCTIONS } from "./filters";
import { medianHoursByWeek, type MetricRow } from "./metrics";

export function MetricsChart({
  rows,
  functions,
}: {
  rows: readonly MetricRow[];
  functions: readonly BusinessFunction[];
}) {
  const { t } = useTranslation("queue");
  const format = useFormat();
  const data = medianHoursByWeek(rows, functions);
  return (
    <figure className="metrics-chart">
      <figcaption>{t("metrics.chart")}</figcaption>
      <div aria-hidden="true">
        <ResponsiveContainer width="100%" height={220}>
          <LineChart
            data={data}
            margin={{ top: 8, right: 16, bottom: 8, left: 0 }}
            // The table below is the accessible form: the picture takes no focus.
            accessibilityLayer={false}
          >
            <CartesianGrid strokeDasharray="3 3" stroke="#d5dae1" />
            <XAxis
              dataKey="week"
              tickFormatter={(week: string) => format.date(week)}
              minTickGap={24}
            />
            <YAxis
              tickFormatter={(hours: number) => format.duration(hours * 3600)}
              width={64}
            />
            <Tooltip
              labelFormatter={(week) => format.date(String(week))}
              formatter={(hours) => format.duration(Number(hours) * 3600)}
            />
            <Legend />
            {functions.map((fn) => (
              <Line
                key={fn}
                dataKey={fn}
                name={t(`function.${fn}`)}
                stroke={seriesColour(FUNCTIONS.indexOf(fn))}
                strokeWidth={2}
                dot={data.length < 30}
                connectNulls
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
