import { describe, expect, it } from "vitest";
import { formatters } from "./format";

describe("formatters", () => {
  it("write numbers and percentages as each language does", () => {
    expect(formatters("en").number(12345.678, 1)).toBe("12,345.7");
    expect(formatters("it").number(12345.678, 1)).toBe("12.345,7");
    expect(formatters("en").percent(0.256)).toBe("26%");
    expect(formatters("it").percent(0.256)).toBe("26%");
    expect(formatters("it").signed(-0.5)).toBe("-0,50");
    expect(formatters("en").signed(0.25)).toBe("+0.25");
  });

  it("show a dash for what is unknown", () => {
    const format = formatters("en");
    expect(format.number(null)).toBe("–");
    expect(format.percent(undefined)).toBe("–");
    expect(format.date(null)).toBe("–");
    expect(format.duration(null)).toBe("–");
  });

  it("write durations in the unit that reads best", () => {
    expect(formatters("en").duration(90)).toBe("1.5 min");
    expect(formatters("en").duration(3 * 3600)).toBe("3 hr");
    expect(formatters("it").duration(36 * 3600)).toBe("36 h");
    expect(formatters("it").duration(5 * 86400)).toBe("5 giorni");
  });

  it("write days in UTC, as the API buckets them", () => {
    expect(formatters("en").date("2026-03-02")).toBe("Mar 2, 2026");
    expect(formatters("it").date("2026-03-02")).toBe("2 mar 2026");
  });
});
