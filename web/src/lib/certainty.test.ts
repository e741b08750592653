import { describe, expect, it } from "vitest";
import { certaintyOf, stanceFromFactors, stanceOf, surePercent } from "./certainty";

describe("surePercent", () => {
  it("rounds down, so that a class called at 80% never reads less, nor 100%", () => {
    expect(surePercent(0.8)).toBe(80);
    expect(surePercent(0.829)).toBe(82);
    expect(surePercent(0.57)).toBe(57); // 56.999… in binary
    expect(surePercent(0.9996)).toBe(99);
    expect(surePercent(1)).toBe(99);
    expect(surePercent(0.004)).toBe(0);
  });
});

describe("certaintyOf", () => {
  it("says how sure a called class is, with the posts it rests on", () => {
    expect(certaintyOf({ class: "DETRACTOR", confidence: 0.823, evidence: 12 })).toEqual({
      kind: "sure",
      percent: 82,
      evidence: 12,
    });
    const inBetween = { class: "NEUTRAL", confidence: 0.64, evidence: 9, positive: 0.2, negative: 0.16 } as const;
    expect(certaintyOf(inBetween)).toEqual({ kind: "sure", percent: 64, evidence: 9 });
  });

  it("tells a positive but quiet neutral from one in between", () => {
    const quiet = { class: "NEUTRAL", confidence: 0.91, evidence: 7, positive: 0.91, negative: 0 } as const;
    expect(certaintyOf(quiet)).toEqual({ kind: "positiveQuiet", percent: 91, evidence: 7 });
  });

  it("says where an unknown leans, when a side is more probable than in between", () => {
    // Two angry posts: negative 66% probable, not yet the 85% a detractor needs.
    const angryTwice = { class: "UNKNOWN", confidence: 0.3, evidence: 2, positive: 0.04, negative: 0.66 } as const;
    expect(certaintyOf(angryTwice)).toEqual({ kind: "leans", side: "NEGATIVE", percent: 66, evidence: 2 });
    const fond = { class: "UNKNOWN", confidence: 0.3, evidence: 2, positive: 0.66, negative: 0.04 } as const;
    expect(certaintyOf(fond)).toMatchObject({ kind: "leans", side: "POSITIVE" });
  });

  it("says too little to tell for an unknown that leans nowhere, or without its sides", () => {
    const once = { class: "UNKNOWN", confidence: 0.52, evidence: 1, positive: 0.24, negative: 0.24 } as const;
    expect(certaintyOf(once)).toEqual({ kind: "unknown", evidence: 1 });
    expect(certaintyOf({ class: "UNKNOWN", confidence: 0.5, evidence: 0 })).toEqual({ kind: "unknown", evidence: 0 });
  });
});

describe("reading a stance", () => {
  const factors = [
    { name: "lean", value: 0.5 },
    { name: "confidence", value: 0.9 },
    { name: "positive", value: 0.9 },
    { name: "negative", value: 0.01 },
    { name: "evidence", value: 14 },
  ];

  it("takes an advocate's sides from its factors", () => {
    expect(stanceOf({ class: "ADVOCATE", confidence: 0.9, evidence: 14, factors })).toEqual({
      class: "ADVOCATE",
      confidence: 0.9,
      evidence: 14,
      positive: 0.9,
      negative: 0.01,
    });
  });

  it("reads a score's factors, and nothing from a ranking without a confidence", () => {
    expect(stanceFromFactors("ADVOCATE", factors)).toMatchObject({ confidence: 0.9, evidence: 14 });
    expect(stanceFromFactors("ADVOCATE", [{ name: "sentiment", value: 0.5 }])).toBeNull();
  });
});
