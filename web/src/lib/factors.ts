// Which factors explain each score, in the order a reader follows them (graph/ranking/ says
// what each one is). Bars compare like with like: factors of another scale (a count of
// followers beside a PageRank, a number of posts beside shares of 1) are written out as
// facts beside the bars instead.
import type { FactorValue } from "../components/FactorBars";

interface ScoreLayout {
  /** Drawn as bars, in this order. */
  bars: readonly string[];
  /** Written out as facts, in this order. */
  facts: readonly string[];
}

const LAYOUTS: Record<string, ScoreLayout> = {
  // Influence is weighted PageRank (1 = average); attention, audience and the k-core say
  // where it comes from. Followers (any number) and betweenness (a tiny share) are facts.
  influence: {
    bars: ["pagerank", "topic", "attention", "audience", "core"],
    facts: ["broker", "followers"],
  },
  // Advocacy = lean × (0.5 + 0.5 engagement) × (0.6 + 0.3 influence + 0.1 customer): all
  // four within -1..1. How sure the class is (probabilities) and the post counts behind it
  // are facts.
  advocacy: {
    bars: ["lean", "engagement", "influence", "customer"],
    facts: ["confidence", "positive", "negative", "evidence", "posts"],
  },
};

/** Scores a reader knows first. */
const SCORE_ORDER = ["influence", "advocacy"];

export interface ExplainedScore {
  name: string;
  value: number;
  bars: FactorValue[];
  facts: FactorValue[];
}

function pick(factors: readonly FactorValue[], names: readonly string[]): FactorValue[] {
  return names.flatMap((name) => factors.filter((factor) => factor.name === name));
}

/** A score's factors split into bars and facts; factors this app does not know yet are
 * written out as facts (after the known ones) rather than hidden. */
export function explainScore(score: {
  name: string;
  value: number;
  factors: readonly FactorValue[];
}): ExplainedScore {
  const layout = LAYOUTS[score.name] ?? { bars: [], facts: [] };
  const known = new Set([...layout.bars, ...layout.facts]);
  const unknown = score.factors
    .filter((factor) => !known.has(factor.name))
    .sort((a, b) => a.name.localeCompare(b.name));
  return {
    name: score.name,
    value: score.value,
    bars: pick(score.factors, layout.bars),
    facts: [...pick(score.factors, layout.facts), ...unknown],
  };
}

/** Influence and advocacy first, any other score after them by name. */
export function orderScores<T extends { name: string }>(scores: readonly T[]): T[] {
  const rank = (name: string) => {
    const index = SCORE_ORDER.indexOf(name);
    return index < 0 ? SCORE_ORDER.length : index;
  };
  return [...scores].sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name));
}

/** The factors of ``score`` this view knows: each has a label and an explanation. */
export function knownFactors(score: string): string[] {
  const layout = LAYOUTS[score];
  return layout ? [...layout.bars, ...layout.facts] : [];
}

export function isKnownFactor(score: string, factor: string): boolean {
  return knownFactors(score).includes(factor);
}
