import type { TrendSeriesFragment } from "../gql/graphql";

export type Measure = "posts" | "sentiment";

export interface TrendRow {
  start: string;
  [key: string]: string | number | null;
}

/** One row per bucket start (oldest first) with each series' value in it; a series without
 * posts in a bucket has no value there (not zero sentiment). */
export function mergeSeries(series: readonly TrendSeriesFragment[], measure: Measure): TrendRow[] {
  const rows = new Map<string, TrendRow>();
  for (const trend of series) {
    for (const point of trend.points) {
      const row = rows.get(point.start) ?? { start: point.start };
      row[trend.key] = measure === "posts" ? point.posts : (point.sentiment ?? null);
      rows.set(point.start, row);
    }
  }
  if (measure === "posts") {
    for (const row of rows.values()) for (const trend of series) row[trend.key] ??= 0;
  }
  return [...rows.values()].sort((a, b) => a.start.localeCompare(b.start));
}
