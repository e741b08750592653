// Why the person scores as they do: each score with its factors as bars (like with like),
// the factors of another scale written out beside them, and what every factor means.
import { useTranslation } from "react-i18next";
import { FactorBars, type FactorValue } from "../../components/FactorBars";
import { Empty } from "../../components/QueryState";
import { useFormat, type Formatters } from "../../lib/format";
import { surePercent } from "../../lib/certainty";
import { explainScore, isKnownFactor, orderScores, type ExplainedScore } from "../../lib/factors";
import type { PersonView } from "./route";

export function ScoresSection({ person }: { person: PersonView }) {
  const { t } = useTranslation("person");
  const scores = orderScores(person.scores).map(explainScore);
  return (
    <section className="panel person-section" aria-labelledby="person-scores">
      <h2 id="person-scores">{t("scores.title")}</h2>
      {scores.length === 0 ? (
        <Empty>{t("scores.none")}</Empty>
      ) : (
        <div className="score-cards">
          {scores.map((score) => (
            <ScoreCard key={score.name} score={score} />
          ))}
        </div>
      )}
    </section>
  );
}

function ScoreCard({ score }: { score: ExplainedScore }) {
  const { t, i18n } = useTranslation("person");
  const format = useFormat();
  const known = (factor: string) => isKnownFactor(score.name, factor);
  const label = (factor: string) =>
    known(factor) ? t(`factor.${score.name}.${factor}.label`) : factor;
  const title = t(`scores.name.${score.name}`, { defaultValue: score.name });
  const explained = [...score.bars, ...score.facts].filter((factor) => known(factor.name));
  return (
    <div className="score-card" data-testid={`score-${score.name}`}>
      <h3>{title}</h3>
      <p className="score-value">
        <strong>{format.number(score.value, 2)}</strong>{" "}
        <span className="hint">{t(`scores.scale.${score.name}`, { defaultValue: "" })}</span>
      </p>
      {score.bars.length > 0 && (
        <FactorBars
          factors={score.bars}
          label={t("scores.factorsOf", { score: title.toLocaleLowerCase(i18n.language) })}
          names={label}
        />
      )}
      {score.facts.length > 0 && (
        <dl className="score-facts">
          {score.facts.map((fact) => (
            <div key={fact.name}>
              <dt>{label(fact.name)}</dt>
              <dd>{factValue(score.name, fact, format)}</dd>
            </div>
          ))}
        </dl>
      )}
      {explained.length > 0 && (
        <details className="factor-glossary">
          <summary>{t("scores.whatFactorsMean")}</summary>
          <dl>
            {explained.map((factor) => (
              <div key={factor.name}>
                <dt>{label(factor.name)}</dt>
                <dd>{t(`factor.${score.name}.${factor.name}.about`)}</dd>
              </div>
            ))}
          </dl>
        </details>
      )}
    </div>
  );
}

/** Advocacy's facts that are posterior probabilities (written as the class's certainty is). */
const PROBABILITIES = new Set(["confidence", "positive", "negative"]);

/** A fact in its own unit: betweenness is the share of shortest paths through the person,
 * advocacy's confidence and sides are probabilities. */
function factValue(score: string, fact: FactorValue, format: Formatters): string {
  if (score === "influence" && fact.name === "broker") return format.percent(fact.value, 2);
  if (score === "advocacy" && PROBABILITIES.has(fact.name)) {
    return format.percent(surePercent(fact.value) / 100);
  }
  return format.number(fact.value, Number.isInteger(fact.value) ? 0 : 2);
}
