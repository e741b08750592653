import { describe, expect, it } from "vitest";
import enPerson from "../i18n/en/person.json";
import itPerson from "../i18n/it/person.json";
import { explainScore, knownFactors, orderScores } from "./factors";

const influence = {
  name: "influence",
  value: 3.9,
  // As the API sends them: by name.
  factors: [
    { name: "attention", value: 5.4 },
    { name: "audience", value: 18 },
    { name: "broker", value: 0.046 },
    { name: "core", value: 5 },
    { name: "followers", value: 5000 },
    { name: "pagerank", value: 3.9 },
  ],
};

describe("explainScore", () => {
  it("draws influence's graph factors as bars, the score's own first", () => {
    const explained = explainScore(influence);
    expect(explained.bars.map((f) => f.name)).toEqual(["pagerank", "attention", "audience", "core"]);
    expect(explained.facts.map((f) => f.name)).toEqual(["broker", "followers"]);
  });

  it("draws what advocacy multiplies as bars, and writes how sure it is and its posts out", () => {
    const explained = explainScore({
      name: "advocacy",
      value: 0.4,
      // As the API sends them: by name.
      factors: [
        { name: "confidence", value: 0.93 },
        { name: "customer", value: 1 },
        { name: "engagement", value: 0.8 },
        { name: "evidence", value: 9 },
        { name: "influence", value: 0.7 },
        { name: "lean", value: 0.6 },
        { name: "negative", value: 0.01 },
        { name: "positive", value: 0.93 },
        { name: "posts", value: 12 },
      ],
    });
    expect(explained.bars.map((f) => f.name)).toEqual(["lean", "engagement", "influence", "customer"]);
    expect(explained.facts.map((f) => f.name)).toEqual(["confidence", "positive", "negative", "evidence", "posts"]);
  });

  it("shows a factor it does not know as a fact rather than hiding it", () => {
    const explained = explainScore({ ...influence, factors: [...influence.factors, { name: "zeal", value: 2 }, { name: "ardour", value: 1 }] });
    expect(explained.facts.map((f) => f.name)).toEqual(["broker", "followers", "ardour", "zeal"]);
    const unknownScore = explainScore({ name: "reach", value: 1, factors: [{ name: "b", value: 1 }, { name: "a", value: 2 }] });
    expect(unknownScore.bars).toEqual([]);
    expect(unknownScore.facts.map((f) => f.name)).toEqual(["a", "b"]);
  });

  it("draws the topic factor of a topical ranking beside PageRank", () => {
    const explained = explainScore({ ...influence, factors: [...influence.factors, { name: "topic", value: 2 }] });
    expect(explained.bars.map((f) => f.name)).toEqual(["pagerank", "topic", "attention", "audience", "core"]);
  });
});

describe("orderScores", () => {
  it("puts influence, then advocacy, then others by name", () => {
    const names = orderScores([{ name: "zeal" }, { name: "advocacy" }, { name: "brokerage" }, { name: "influence" }]);
    expect(names.map((s) => s.name)).toEqual(["influence", "advocacy", "brokerage", "zeal"]);
  });
});

describe("factor labels", () => {
  it("exist, with an explanation, for exactly the factors the view knows", () => {
    for (const [language, strings] of Object.entries({ en: enPerson, it: itPerson })) {
      const factors = strings.factor as Record<string, Record<string, { label: string; about: string }>>;
      for (const score of ["influence", "advocacy"]) {
        expect(Object.keys(factors[score] ?? {}).sort(), `${language} ${score}`).toEqual(knownFactors(score).sort());
      }
    }
    expect(knownFactors("reach")).toEqual([]);
  });
});
