import { useTranslation } from "react-i18next";
import type { SentimentLabel } from "../gql/graphql";
import { useFormat } from "../lib/format";

/** A post's (or an opinion's) sentiment: its label in words, and its score. */
export function SentimentBadge({ label, score }: { label: SentimentLabel; score?: number | null }) {
  const { t } = useTranslation("common");
  const format = useFormat();
  return (
    <span className={`badge sentiment-${label.toLowerCase()}`}>
      {t(`sentiment.${label}`)}
      {score != null && <span className="score"> {format.signed(score)}</span>}
    </span>
  );
}
