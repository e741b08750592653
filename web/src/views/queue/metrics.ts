// First-response figures per business function and ISO week, shaped for the view: counts
// per function (for the tabs), the weeks shown, table rows and chart rows.
import type { BusinessFunction, QueueMetricsQuery } from "../../gql/graphql";
import { FUNCTIONS } from "./filters";

export type MetricRow = QueueMetricsQuery["responseMetrics"][number];

export interface FunctionCounts {
  open: number;
  overdue: number;
}

/** Open and overdue conversations of each function, over every week (counts add up; the
 * medians do not, so they are not summed). */
export function countsByFunction(
  rows: readonly MetricRow[],
): Map<BusinessFunction, FunctionCounts> {
  const counts = new Map<BusinessFunction, FunctionCounts>();
  for (const row of rows) {
    if (!row.function) continue;
    const found = counts.get(row.function) ?? { open: 0, overdue: 0 };
    counts.set(row.function, { open: found.open + row.open, overdue: found.overdue + row.overdue });
  }
  return counts;
}

/** The rows of one function (or all), newest week first, functions in the tabs' order. */
export function tableRows(
  rows: readonly MetricRow[],
  only: BusinessFunction | null,
): MetricRow[] {
  const order = (row: MetricRow) => (row.function ? FUNCTIONS.indexOf(row.function) : -1);
  return rows
    .filter((row) => only === null || row.function === only)
    .sort((a, b) => (b.week ?? "").localeCompare(a.week ?? "") || order(a) - order(b));
}

/** The newest ``count`` weeks among the rows, newest first. */
export function latestWeeks(rows: readonly MetricRow[], count: number): string[] {
  const weeks = new Set(rows.flatMap((row) => (row.week ? [row.week] : [])));
  return [...weeks].sort().reverse().slice(0, count);
}

export interface ChartRow {
  week: string;
  /** Median first response of each function that week, in hours (null: none answered). */
  [fn: string]: string | number | null;
}

/** One row per week (oldest first) with each function's median first response in hours. */
export function medianHoursByWeek(
  rows: readonly MetricRow[],
  functions: readonly BusinessFunction[],
): ChartRow[] {
  const byWeek = new Map<string, ChartRow>();
  for (const row of rows) {
    if (!row.week || !row.function || !functions.includes(row.function)) continue;
    const chart = byWeek.get(row.week) ?? { week: row.week };
    const median = row.medianFirstResponseSeconds;
    chart[row.function] = median == null ? null : median / 3600;
    byWeek.set(row.week, chart);
  }
  for (const chart of byWeek.values()) for (const fn of functions) chart[fn] ??= null;
  return [...byWeek.values()].sort((a, b) => a.week.localeCompare(b.week));
}
