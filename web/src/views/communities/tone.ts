// A mean sentiment (-1 to 1) in words, as the analysis labels a post: within ±0.05 of zero
// it is neutral (ingestion/enrichment/sentiment.py's NEUTRAL_BAND).
import type { SentimentLabel } from "../../gql/graphql";

export const NEUTRAL_BAND = 0.05;

export function toneOf(sentiment: number): SentimentLabel {
  if (sentiment > NEUTRAL_BAND) return "POSITIVE";
  return sentiment < -NEUTRAL_BAND ? "NEGATIVE" : "NEUTRAL";
}
