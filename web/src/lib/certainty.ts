// How sure an advocacy class is, in words a reader can weigh: the class rests on a posterior
// over a person's posts about the brand (graph/ranking/advocacy.py), so every class comes with
// the probability that the person stands where it says, and the posts it rests on.
import type { AdvocacyClass } from "../gql/graphql";

/** A probability as a whole percent, rounded down and never 100: a posterior is never
 * certain, and a class called at "at least 85 %" must not read 84 or 100. */
export function surePercent(probability: number): number {
  // The small epsilon keeps 0.57 (56.999… in binary) at 57.
  return Math.min(99, Math.max(0, Math.floor(probability * 100 + 1e-9)));
}

export interface Stance {
  class: AdvocacyClass;
  /** Posterior probability that the person stands where the class says. */
  confidence: number;
  /** Posts about the brand the class rests on. */
  evidence: number;
  /** Posterior probabilities of each side (the advocacy factors of the same names). */
  positive?: number | undefined;
  negative?: number | undefined;
}

export type Certainty =
  /** The class is called: this sure of it. */
  | { kind: "sure"; percent: number; evidence: number }
  /** Neutral, though positive (this sure): too quiet or unheard to be a potential advocate. */
  | { kind: "positiveQuiet"; percent: number; evidence: number }
  /** Unknown, leaning to a side (this probable) without enough said to call it. */
  | { kind: "leans"; side: "POSITIVE" | "NEGATIVE"; percent: number; evidence: number }
  /** Unknown: too little said either way. */
  | { kind: "unknown"; evidence: number };

/** What to say about how sure ``stance``'s class is. */
export function certaintyOf(stance: Stance): Certainty {
  const { evidence } = stance;
  const positive = stance.positive ?? 0;
  const negative = stance.negative ?? 0;
  if (stance.class === "UNKNOWN") {
    // The class's confidence is then the chance of being in between; a side more probable
    // than that is where the few posts lean.
    const side = positive >= negative ? "POSITIVE" : "NEGATIVE";
    const leaning = Math.max(positive, negative);
    return leaning > stance.confidence
      ? { kind: "leans", side, percent: surePercent(leaning), evidence }
      : { kind: "unknown", evidence };
  }
  // A neutral is either most probably in between (then positive is at most a half) or
  // confidently positive but quiet (then its confidence is the positive side's).
  if (stance.class === "NEUTRAL" && positive > 0.5) {
    return { kind: "positiveQuiet", percent: surePercent(positive), evidence };
  }
  return { kind: "sure", percent: surePercent(stance.confidence), evidence };
}

type Factors = readonly { name: string; value: number }[];

function factor(factors: Factors, name: string): number | undefined {
  return factors.find((found) => found.name === name)?.value;
}

/** The stance of an `Advocate` (its sides' probabilities are among its factors). */
export function stanceOf(advocate: {
  class: AdvocacyClass;
  confidence: number;
  evidence: number;
  factors: Factors;
}): Stance {
  return {
    class: advocate.class,
    confidence: advocate.confidence,
    evidence: advocate.evidence,
    positive: factor(advocate.factors, "positive"),
    negative: factor(advocate.factors, "negative"),
  };
}

/** The stance in an advocacy score's factors, or null when they do not hold it (a ranking
 * from before advocacy had a confidence). */
export function stanceFromFactors(advocacyClass: AdvocacyClass, factors: Factors): Stance | null {
  const confidence = factor(factors, "confidence");
  const evidence = factor(factors, "evidence");
  if (confidence === undefined || evidence === undefined) return null;
  return stanceOf({ class: advocacyClass, confidence, evidence, factors });
}
