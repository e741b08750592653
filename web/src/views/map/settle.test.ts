import { describe, expect, it } from "vitest";
import { SETTLE, extent, layoutStatus, relativeDisplacement } from "./settle";

describe("the settle criterion", () => {
  it("measures the drawing's larger side", () => {
    expect(extent([0, 0, 10, 4, -2, 1])).toBe(12);
    expect(extent([])).toBe(0);
  });

  it("measures mean movement per iteration as a share of the extent", () => {
    // Two nodes 100 apart; one moves 10 in 5 iterations, the other stays.
    const before = [0, 0, 100, 0];
    const after = [0, 0, 100, 10];
    expect(relativeDisplacement(before, after, 5)).toBeCloseTo(10 / 2 / 5 / 100);
    expect(relativeDisplacement(before, before, 5)).toBe(0);
    expect(relativeDisplacement([0, 0], [0, 0], 5)).toBe(0);
  });

  it("is settled below the threshold, stopped at the cap, running otherwise", () => {
    expect(layoutStatus(SETTLE.threshold / 2, SETTLE.batch)).toBe("settled");
    expect(layoutStatus(SETTLE.threshold * 2, SETTLE.batch)).toBe("running");
    expect(layoutStatus(SETTLE.threshold * 2, SETTLE.maxIterations)).toBe("stopped");
  });
});
