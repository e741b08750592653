// Who the PageRank top-K are: the comparison's other side, named.
import { useTranslation } from "react-i18next";
import { PersonName } from "../../components/PersonName";
import type { AdvocatesShortlistQuery } from "../../gql/graphql";
import { CommunityLink } from "../../components/community/CommunityLink";
import type { CommunityRanks } from "../../components/community/ranks";

type Result = AdvocatesShortlistQuery["ambassadorShortlist"];

export function BaselineList({
  result,
  communities,
}: {
  result: Result;
  communities: CommunityRanks;
}) {
  const { t } = useTranslation("advocates");
  // K of the PageRank top-K: as many as the baseline holds (fewer than asked when fewer fit).
  const size = result.baseline.members.length;
  const chosen = new Set(result.members.map((member) => member.person.id));
  return (
    <section aria-labelledby="baseline-title">
      <h2 id="baseline-title">{t("baseline.title", { size })}</h2>
      <p className="hint">{t("baseline.intro", { size })}</p>
      <ol className="baseline-list" data-testid="baseline-members">
        {result.baseline.members.map((person) => (
          <li key={person.id}>
            <PersonName person={person} /> <CommunityLink id={person.communityId} ranks={communities} />
            {chosen.has(person.id) && <span className="badge">{t("baseline.alsoChosen")}</span>}
          </li>
        ))}
      </ol>
    </section>
  );
}
