import { describe, expect, it } from "vitest";
import { mergeSeries } from "./trendRows";

const tea = {
  key: "tea",
  posts: 3,
  sentiment: 0.5,
  points: [
    { start: "2026-03-09", posts: 1, scored: 1, sentiment: -0.5 },
    { start: "2026-03-02", posts: 2, scored: 0, sentiment: null },
  ],
};
const cake = {
  key: "cake",
  posts: 1,
  sentiment: 1,
  points: [{ start: "2026-03-02", posts: 1, scored: 1, sentiment: 1 }],
};

describe("mergeSeries", () => {
  it("lines buckets up oldest first, counting a missing bucket as no posts", () => {
    expect(mergeSeries([tea, cake], "posts")).toEqual([
      { start: "2026-03-02", tea: 2, cake: 1 },
      { start: "2026-03-09", tea: 1, cake: 0 },
    ]);
  });

  it("leaves sentiment out where nothing was scored", () => {
    expect(mergeSeries([tea, cake], "sentiment")).toEqual([
      { start: "2026-03-02", tea: null, cake: 1 },
      { start: "2026-03-09", tea: -0.5 },
    ]);
  });
});
