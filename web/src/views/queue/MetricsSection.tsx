// First-response figures per business function and week: a chart of the medians and the
// table of every figure (newest weeks first; the last few unless asked for all).
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import type { BusinessFunction } from "../../gql/graphql";
import { Empty } from "../../components/QueryState";
import { useFormat } from "../../lib/format";
import { FUNCTIONS } from "./filters";
import { MetricsChart } from "./MetricsChart";
import { latestWeeks, tableRows, type MetricRow } from "./metrics";

const RECENT_WEEKS = 8;

export function MetricsSection({
  rows,
  only,
}: {
  rows: readonly MetricRow[];
  only: BusinessFunction | null;
}) {
  const { t } = useTranslation("queue");
  const format = useFormat();
  const [allWeeks, setAllWeeks] = useState(false);
  const headingId = useId();
  const shown = tableRows(rows, only);
  const weeks = latestWeeks(shown, allWeeks ? Infinity : RECENT_WEEKS);
  const weekCount = latestWeeks(shown, Infinity).length;
  const functions = FUNCTIONS.filter((fn) => shown.some((row) => row.function === fn));
  const visible = shown.filter((row) => row.week !== null && weeks.includes(row.week));
  return (
    <section className="metrics" aria-labelledby={headingId}>
      <h2 id={headingId}>{t("metrics.heading")}</h2>
      <p className="intro">{t("metrics.intro")}</p>
      {shown.length === 0 ? (
        <Empty>{t("metrics.empty")}</Empty>
      ) : (
        <>
          <MetricsChart rows={visible} functions={functions} />
          <div className="table-scroll">
            <table className="metrics-table">
              <caption>{t("metrics.table")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("metrics.week")}</th>
                  <th scope="col">{t("metrics.function")}</th>
                  <th scope="col" className="number">{t("metrics.conversations")}</th>
                  <th scope="col" className="number">{t("metrics.answered")}</th>
                  <th scope="col" className="number">{t("metrics.open")}</th>
                  <th scope="col" className="number">{t("metrics.overdue")}</th>
                  <th scope="col" className="number">{t("metrics.dismissed")}</th>
                  <th scope="col" className="number">{t("metrics.median")}</th>
                  <th scope="col" className="number">{t("metrics.p90")}</th>
                  <th scope="col" className="number">{t("metrics.withinTarget")}</th>
                </tr>
              </thead>
              <tbody>
                {visible.map((row) => (
                  <tr
                    key={`${row.week}:${row.function}`}
                    data-week={row.week}
                    data-function={row.function}
                  >
                    <th scope="row">{format.date(row.week)}</th>
                    <td>{row.function ? t(`function.${row.function}`) : "–"}</td>
                    <td className="number">{format.number(row.conversations)}</td>
                    <td className="number" data-figure="answered">{format.number(row.answered)}</td>
                    <td className="number">{format.number(row.open)}</td>
                    <td className={row.overdue > 0 ? "number late" : "number"}>
                      {format.number(row.overdue)}
                    </td>
                    <td className="number">{format.number(row.dismissed)}</td>
                    <td className="number">{format.duration(row.medianFirstResponseSeconds)}</td>
                    <td className="number">{format.duration(row.p90FirstResponseSeconds)}</td>
                    <td className="number">{format.percent(row.withinTarget)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {weekCount > RECENT_WEEKS && (
            <button type="button" onClick={() => setAllWeeks(!allWeeks)}>
              {allWeeks
                ? t("metrics.showRecent", { count: RECENT_WEEKS })
                : t("metrics.showAll", { count: weekCount })}
            </button>
          )}
        </>
      )}
    </section>
  );
}
