// Volume and sentiment over time for one or more series (topics, touchpoints, channels,
// communities, a person's opinions): bars or lines of posts per bucket, and mean sentiment
// (-1 to 1) on its own axis. The same figures are available as a table for screen readers.
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
import type { TrendSeriesFragment } from "../gql/graphql";
import { useFormat } from "../lib/format";
import { seriesColour } from "../lib/colours";
import { mergeSeries, type Measure } from "./trendRows";

export function TrendChart({
  series,
  measure,
  label,
  names = (key) => key,
  height = 260,
}: {
  series: readonly TrendSeriesFragment[];
  measure: Measure;
  label: string;
  names?: (key: string) => string;
  height?: number;
}) {
  const { t } = useTranslation("common");
  const format = useFormat();
  const rows = mergeSeries(series, measure);
  const keys = series.map((s) => s.key);
  return (
    <figure className="trend-chart">
      <figcaption className="visually-hidden">{label}</figcaption>
      <div aria-hidden="true">
        <ResponsiveContainer width="100%" height={height}>
          {/* Hidden from assistive technology (the table below says the same), so not
              focusable either: recharts' keyboard layer is off. */}
          <LineChart
            data={rows}
            margin={{ top: 8, right: 16, bottom: 8, left: 0 }}
            accessibilityLayer={false}
          >
            <CartesianGrid strokeDasharray="3 3" stroke="#d5dae1" />
            <XAxis dataKey="start" tickFormatter={(day: string) => format.date(day)} minTickGap={24} />
            <YAxis
              domain={measure === "sentiment" ? [-1, 1] : [0, "auto"]}
              tickFormatter={(value: number) =>
                measure === "sentiment" ? format.signed(value, 1) : format.number(value)
              }
              width={64}
            />
            <Tooltip
              labelFormatter={(day) => format.date(String(day))}
              formatter={(value) =>
                measure === "sentiment" ? format.signed(Number(value)) : format.number(Number(value))
              }
            />
            {keys.length > 1 && <Legend />}
            {keys.map((key, index) => (
              <Line
                key={key}
                dataKey={key}
                name={names(key)}
                stroke={seriesColour(index)}
                strokeWidth={2}
                dot={rows.length < 30}
                connectNulls
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
      <details className="chart-table">
        <summary>{t("chart.asTable")}</summary>
        <table>
          <caption>{label}</caption>
          <thead>
            <tr>
              <th scope="col">{t("chart.period")}</th>
              {keys.map((key) => (
                <th scope="col" key={key} className="number">
                  {names(key)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.start}>
                <th scope="row">{format.date(row.start)}</th>
                {keys.map((key) => {
                  const value = row[key];
                  return (
                    <td key={key} className="number">
                      {typeof value !== "number"
                        ? "–"
                        : measure === "sentiment"
                          ? format.signed(value)
                          : format.number(value)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
