import { describe, expect, it } from "vitest";
import {
  accountRef,
  channelVenue,
  evidenceLines,
  groupAspects,
  keyWords,
  threadDepths,
  toneOf,
} from "./shaping";

describe("groupAspects", () => {
  it("puts the brand itself, then touchpoints, then products, the strongest opinion first in each", () => {
    const groups = groupAspects([
      { target: "PRODUCT", key: "decaf", label: "POSITIVE", score: 0.2 },
      { target: "TOUCHPOINT", key: "pricing", label: "NEGATIVE", score: -0.3 },
      { target: "BRAND", key: "aurora", label: "NEGATIVE", score: -0.5 },
      { target: "TOUCHPOINT", key: "delivery", label: "NEGATIVE", score: -0.8 },
      { target: "PRODUCT", key: "espresso", label: "POSITIVE", score: 0.9 },
    ]);
    expect(groups.map((g) => [g.target, g.opinions.map((o) => o.key)])).toEqual([
      ["BRAND", ["aurora"]],
      ["TOUCHPOINT", ["delivery", "pricing"]],
      ["PRODUCT", ["espresso", "decaf"]],
    ]);
  });

  it("leaves out a kind nobody has an opinion on, and keeps ties in key order", () => {
    const groups = groupAspects([
      { target: "PRODUCT", key: "b", label: "NEUTRAL", score: 0 },
      { target: "PRODUCT", key: "a", label: "NEUTRAL", score: 0 },
    ]);
    expect(groups).toHaveLength(1);
    expect(groups[0]?.opinions.map((o) => o.key)).toEqual(["a", "b"]);
    expect(groupAspects([])).toEqual([]);
  });
});

describe("names from keys and ids", () => {
  it("writes lexicon keys as words", () => {
    expect(keyWords("customer-care")).toBe("customer care");
    expect(keyWords("oat_latte")).toBe("oat latte");
    expect(keyWords("--")).toBe("--");
  });

  it("takes a channel's venue after the platform", () => {
    expect(channelVenue("reddit:espresso")).toBe("espresso");
    expect(channelVenue("forum:caffe:beans")).toBe("caffe:beans");
    expect(channelVenue("mastodon")).toBe("mastodon");
    expect(channelVenue("x:")).toBe("x:");
  });

  it("turns an account id into the API's account reference", () => {
    expect(accountRef("mastodon:giulia@mastodon.social")).toEqual({
      platform: "mastodon",
      handle: "giulia@mastodon.social",
    });
  });
});

describe("evidenceLines", () => {
  it("takes one reason per line, without blank ones", () => {
    expect(evidenceLines(" same email \r\n\n  linked profiles\n ")).toEqual(["same email", "linked profiles"]);
    expect(evidenceLines("   ")).toEqual([]);
  });
});

describe("threadDepths", () => {
  it("indents each reply below what it answers", () => {
    const depths = threadDepths([
      { id: "root", replyToId: null },
      { id: "a", replyToId: "root" },
      { id: "b", replyToId: "a" },
      { id: "c", replyToId: "root" },
      { id: "orphan", replyToId: "not-stored" },
    ]);
    expect(Object.fromEntries(depths)).toEqual({ root: 0, a: 1, b: 2, c: 1, orphan: 0 });
  });

  it("ends on a cycle instead of looping", () => {
    const depths = threadDepths([
      { id: "a", replyToId: "b" },
      { id: "b", replyToId: "a" },
    ]);
    expect([...depths.keys()].sort()).toEqual(["a", "b"]);
  });
});

describe("toneOf", () => {
  it("reads a mean sentiment as the analyser labels posts", () => {
    expect(toneOf(0.3)).toBe("positive");
    expect(toneOf(-0.05)).toBe("negative");
    expect(toneOf(0.049)).toBe("neutral");
    expect(toneOf(null)).toBe("neutral");
  });
});
