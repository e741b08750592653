import { describe, expect, it } from "vitest";
import { toneOf } from "./tone";

describe("a community's tone in words", () => {
  it("is neutral near zero, as posts are labelled", () => {
    expect(toneOf(0.2)).toBe("POSITIVE");
    expect(toneOf(0.05)).toBe("NEUTRAL");
    expect(toneOf(-0.049)).toBe("NEUTRAL");
    expect(toneOf(-0.3)).toBe("NEGATIVE");
  });
});
