// Expected reach of the shortlist beside the PageRank top-K's: both figures as bars on one
// scale, the difference, and the communities each set covers (those only one covers marked).
import { useTranslation } from "react-i18next";
import type { AdvocatesShortlistQuery } from "../../gql/graphql";
import { useFormat } from "../../lib/format";
import { CommunityLink } from "../../components/community/CommunityLink";
import type { CommunityRanks } from "../../components/community/ranks";
import { chosenSets, compareReach } from "./reach";

type Result = AdvocatesShortlistQuery["ambassadorShortlist"];

export function ReachComparison({
  result,
  communities,
}: {
  result: Result;
  communities: CommunityRanks;
}) {
  const { t } = useTranslation("advocates");
  // K of the PageRank top-K: as many as the baseline holds (fewer than asked when fewer fit).
  const size = result.baseline.members.length;
  const format = useFormat();
  const { shortlist, baseline } = chosenSets(result);
  const comparison = compareReach(shortlist, baseline);
  const people = (reach: number) => t("reach.people", { count: reach, value: format.number(reach) });
  const difference = comparison.sameMembers
    ? t("reach.same", { size })
    : comparison.difference > 0
      ? t("reach.further", {
          people: people(comparison.difference),
          share: format.percent(comparison.relative, 0),
          size,
        })
      : comparison.difference === 0
        ? t("reach.asFar", { size })
        : t("reach.shorter", { people: people(-comparison.difference), size });
  return (
    <section aria-labelledby="reach-title" className="reach">
      <h2 id="reach-title">{t("reach.title")}</h2>
      <p className="hint">{t("reach.explain")}</p>
      <dl className="reach-bars">
        <div className="reach-row shortlist">
          <dt>{t("reach.shortlist", { count: result.members.length })}</dt>
          <dd>
            <span className="reach-bar" aria-hidden="true">
              <span className="fill" style={{ width: `${comparison.shortlistShare * 100}%` }} />
            </span>
            <span className="reach-figure" data-testid="reach-shortlist">
              {people(comparison.shortlist)}
            </span>
          </dd>
        </div>
        <div className="reach-row baseline">
          <dt>{t("reach.baseline", { size })}</dt>
          <dd>
            <span className="reach-bar" aria-hidden="true">
              <span className="fill" style={{ width: `${comparison.baselineShare * 100}%` }} />
            </span>
            <span className="reach-figure" data-testid="reach-baseline">
              {people(comparison.baseline)}
            </span>
          </dd>
        </div>
      </dl>
      <p className="reach-difference" data-testid="reach-difference">
        {difference}
      </p>
      <h3>{t("reach.communities")}</h3>
      <dl className="coverage">
        <Coverage
          label={t("reach.shortlistCovers", { count: result.communities.length })}
          covered={result.communities}
          only={comparison.onlyShortlist}
          communities={communities}
          testId="covered-shortlist"
        />
        <Coverage
          label={t("reach.baselineCovers", { count: result.baseline.communities.length, size })}
          covered={result.baseline.communities}
          only={comparison.onlyBaseline}
          communities={communities}
          testId="covered-baseline"
        />
      </dl>
      <p className="hint">{t("reach.onlyHint")}</p>
    </section>
  );
}

function Coverage({
  label,
  covered,
  only,
  communities,
  testId,
}: {
  label: string;
  covered: readonly string[];
  only: readonly string[];
  communities: CommunityRanks;
  testId: string;
}) {
  const { t } = useTranslation("advocates");
  return (
    <div className="coverage-row">
      <dt>{label}</dt>
      <dd>
        <ul className="chips" data-testid={testId}>
          {covered.map((id) => (
            <li key={id} className={only.includes(id) ? "only" : undefined}>
              <CommunityLink id={id} ranks={communities} />
              {only.includes(id) && <span className="only-mark">{t("reach.onlyHere")}</span>}
            </li>
          ))}
        </ul>
      </dd>
    </div>
  );
}
