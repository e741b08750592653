import { describe, expect, it } from "vitest";
import {
  growth,
  rising,
  seenWithin,
  strongGrowth,
  toneShifts,
  volumeChanges,
  volumesByKind,
  withEmptyBuckets,
} from "./review";

describe("volume changes", () => {
  it("compare each key with the window before, none before meaning no growth figure", () => {
    expect(growth(15, 10)).toBe(0.5);
    expect(growth(5, 10)).toBe(-0.5);
    expect(growth(3, 0)).toBeNull();
    const changes = volumeChanges(
      [
        { key: "a", posts: 30 },
        { key: "b", posts: 8 },
      ],
      [
        { key: "b", posts: 10 },
        { key: "gone", posts: 50 },
      ],
    );
    expect(changes).toEqual([
      { key: "a", posts: 30, previous: 0, growth: null },
      { key: "b", posts: 8, previous: 10, growth: -0.2 },
    ]);
  });

  it("call rising what gained most posts, from enough of them", () => {
    const changes = volumeChanges(
      [
        { key: "steady", posts: 100 },
        { key: "new", posts: 12 },
        { key: "doubled", posts: 40 },
        { key: "tiny", posts: 3 },
      ],
      [
        { key: "steady", posts: 100 },
        { key: "doubled", posts: 20 },
        { key: "tiny", posts: 0 },
      ],
    );
    expect(rising(changes, 5).map((c) => c.key)).toEqual(["doubled", "new"]);
    expect(rising(changes, 1).map((c) => c.key)).toEqual(["doubled"]);
  });

  it("count as strong growth more than +50% from at least a few posts", () => {
    const changes = volumeChanges(
      [
        { key: "x", posts: 16 },
        { key: "y", posts: 30 },
        { key: "z", posts: 15 },
        { key: "from-two", posts: 20 },
      ],
      [
        { key: "x", posts: 10 },
        { key: "y", posts: 10 },
        { key: "z", posts: 10 },
        { key: "from-two", posts: 2 },
      ],
    );
    expect(strongGrowth(changes).map((c) => c.key)).toEqual(["y", "x"]);
  });

  it("add up per kind of channel, with each kind's share of the window", () => {
    const kinds: Record<string, "APPEAL" | "VERTICAL"> = { "x:1": "APPEAL", "r:2": "VERTICAL" };
    const byKind = volumesByKind(
      [
        { key: "x:1", posts: 30, previous: 20, growth: 0.5 },
        { key: "r:2", posts: 10, previous: 0, growth: null },
      ],
      (key) => kinds[key],
    );
    expect(byKind).toEqual([
      { kind: "APPEAL", posts: 30, previous: 20, growth: 0.5, share: 0.75 },
      { kind: "VERTICAL", posts: 10, previous: 0, growth: null, share: 0.25 },
      { kind: "PERIPHERAL", posts: 0, previous: 0, growth: null, share: 0 },
    ]);
  });
});

describe("tone shifts", () => {
  it("put the largest shift either way first, and what cannot be compared last", () => {
    const shifts = toneShifts(
      [
        { key: "few-now", posts: 2, sentiment: -0.9 },
        { key: "calm", posts: 50, sentiment: 0.3 },
        { key: "soured", posts: 40, sentiment: -0.2 },
        { key: "new", posts: 20, sentiment: 0.5 },
        { key: "warmed", posts: 30, sentiment: 0.4 },
      ],
      [
        { key: "few-now", posts: 20, sentiment: 0.5 },
        { key: "calm", posts: 50, sentiment: 0.25 },
        { key: "soured", posts: 40, sentiment: 0.3 },
        { key: "warmed", posts: 30, sentiment: 0.1 },
      ],
    );
    expect(shifts.map((s) => s.key)).toEqual(["soured", "warmed", "calm", "few-now", "new"]);
    expect(shifts[0]).toEqual({
      key: "soured",
      posts: 40,
      sentiment: -0.2,
      previous: 0.3,
      change: -0.5,
    });
    expect(shifts[3]?.change).toBeNull();
    expect(shifts[4]).toEqual({
      key: "new",
      posts: 20,
      sentiment: 0.5,
      previous: null,
      change: null,
    });
  });
});

describe("first seen", () => {
  it("falls within the window's days, both ends included, in UTC", () => {
    expect(seenWithin("2026-11-02T00:00:00+00:00", "2026-11-02", "2026-12-01")).toBe(true);
    expect(seenWithin("2026-12-01T23:59:00Z", "2026-11-02", "2026-12-01")).toBe(true);
    expect(seenWithin("2026-11-01T23:59:00Z", "2026-11-02", "2026-12-01")).toBe(false);
    expect(seenWithin("2026-11-02T00:30:00+01:00", "2026-11-02", "2026-12-01")).toBe(false);
    expect(seenWithin(null, "2026-11-02", "2026-12-01")).toBe(false);
  });
});

describe("charted series", () => {
  it("get an empty point for each bucket without posts", () => {
    const [filled] = withEmptyBuckets(
      [
        {
          key: "a",
          posts: 3,
          sentiment: 0.5,
          points: [{ start: "2026-11-16", posts: 3, scored: 2, sentiment: 0.5 }],
        },
      ],
      ["2026-11-09", "2026-11-16", "2026-11-23"],
    );
    expect(filled?.points).toEqual([
      { start: "2026-11-09", posts: 0, scored: 0, sentiment: null },
      { start: "2026-11-16", posts: 3, scored: 2, sentiment: 0.5 },
      { start: "2026-11-23", posts: 0, scored: 0, sentiment: null },
    ]);
  });
});
