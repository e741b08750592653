import { describe, expect, it } from "vitest";
import {
  apiRange,
  bucketStarts,
  presetWindow,
  readWindow,
  windowDays,
  windowEndingOn,
  writeWindow,
} from "./reviewWindow";

const TODAY = "2026-12-01";
const read = (search: string) => readWindow(new URLSearchParams(search), TODAY);

describe("the review window in the URL", () => {
  it("is the last 90 days by week when the URL says nothing", () => {
    expect(read("")).toEqual({ first: "2026-09-03", last: TODAY, preset: 90, bucket: "WEEK" });
    expect(windowDays(read(""))).toBe(90);
  });

  it("follows a preset, which moves with today", () => {
    expect(read("last=30&bucket=day")).toEqual({
      first: "2026-11-02",
      last: TODAY,
      preset: 30,
      bucket: "DAY",
    });
    expect(readWindow(new URLSearchParams("last=30"), "2027-01-15").first).toBe("2026-12-17");
  });

  it("keeps custom dates, both days included", () => {
    const window = read("since=2026-02-01&until=2026-02-28&last=30");
    expect(window).toEqual({
      first: "2026-02-01",
      last: "2026-02-28",
      preset: null,
      bucket: "WEEK",
    });
    expect(windowDays(window)).toBe(28);
  });

  it("falls back to a preset on what it cannot use", () => {
    expect(read("last=45").preset).toBe(90);
    expect(read("since=2026-03-10&until=2026-03-01&last=180").preset).toBe(180);
    expect(read("since=2026-02-30&until=2026-03-01").preset).toBe(90);
    expect(read("since=yesterday&until=2026-03-01").preset).toBe(90);
  });

  it("round-trips through the URL, keeping the other parameters", () => {
    const others = new URLSearchParams("touchpoint=delivery&since=2020-01-01&until=2020-02-01");
    const preset = writeWindow(presetWindow(180, TODAY, "DAY"), others);
    expect(preset.toString()).toBe("touchpoint=delivery&last=180&bucket=day");
    expect(readWindow(preset, TODAY)).toEqual(presetWindow(180, TODAY, "DAY"));

    const custom = windowEndingOn("2026-06-30", 30, "WEEK");
    const written = writeWindow(custom, new URLSearchParams("last=30"));
    expect(written.toString()).toBe("since=2026-06-01&until=2026-06-30&bucket=week");
    expect(readWindow(written, TODAY)).toEqual(custom);
  });
});

describe("the API's range", () => {
  it("is half-open, with the window before of the same length", () => {
    expect(apiRange(read("since=2026-03-01&until=2026-03-31"))).toEqual({
      since: "2026-03-01T00:00:00Z",
      until: "2026-04-01T00:00:00Z",
      previousSince: "2026-01-29T00:00:00Z",
    });
    expect(apiRange(read("last=30"))).toEqual({
      since: "2026-11-02T00:00:00Z",
      until: "2026-12-02T00:00:00Z",
      previousSince: "2026-10-03T00:00:00Z",
    });
  });
});

describe("the window's buckets", () => {
  it("are its days, or the Mondays of the weeks it touches", () => {
    const days = read("since=2026-11-27&until=2026-12-01&bucket=day");
    expect(bucketStarts(days)).toEqual([
      "2026-11-27",
      "2026-11-28",
      "2026-11-29",
      "2026-11-30",
      "2026-12-01",
    ]);
    const weeks = read("since=2026-11-12&until=2026-11-30&bucket=week");
    expect(bucketStarts(weeks)).toEqual(["2026-11-09", "2026-11-16", "2026-11-23", "2026-11-30"]);
    expect(bucketStarts(read("since=2026-11-16&until=2026-11-22"))).toEqual(["2026-11-16"]);
  });
});
