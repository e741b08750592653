// The person chosen on the map (by search, keyboard or a tie): who they are, their
// influence and community, and their strongest ties on the map, each a step to walk on.
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useFormat } from "../../lib/format";
import { CommunityLink } from "../../components/community/CommunityLink";
import type { CommunityRanks } from "../../components/community/ranks";
import { tiesOf, type MapGraph } from "./graph";

const TIES_SHOWN = 8;

export function ChosenPerson({
  graph,
  node,
  ranks,
  onChoose,
  onClear,
}: {
  graph: MapGraph;
  node: string;
  ranks: CommunityRanks;
  onChoose(node: string): void;
  onClear(): void;
}) {
  const { t } = useTranslation("map");
  const format = useFormat();
  const person = graph.getNodeAttributes(node);
  const ties = tiesOf(graph, node);
  return (
    <section
      className="chosen-person panel"
      aria-label={t("chosen.label")}
      data-testid="chosen-person"
    >
      <h2>
        <Link to={`/people/${encodeURIComponent(node)}`}>
          <bdi>{person.label}</bdi>
        </Link>
      </h2>
      {person.handle && <p className="handle"><bdi>@{person.handle}</bdi></p>}
      <dl className="facts">
        <dt>{t("chosen.score")}</dt>
        <dd>{format.number(person.score, 2)}</dd>
        <dt>{t("chosen.community")}</dt>
        <dd>
          <CommunityLink id={person.community} ranks={ranks} />
        </dd>
        <dt>{t("chosen.ties")}</dt>
        <dd>{format.number(ties.length)}</dd>
      </dl>
      {ties.length > 0 && (
        <>
          <h3>{t("chosen.strongest")}</h3>
          <ul className="tie-list">
            {ties.slice(0, TIES_SHOWN).map((tie) => (
              <li key={tie.other}>
                <button type="button" className="link-button" onClick={() => onChoose(tie.other)}>
                  <bdi>{graph.getNodeAttribute(tie.other, "label")}</bdi>
                </button>{" "}
                <span className="hint">
                  {t("chosen.tie", {
                    weight: format.number(tie.weight, 1),
                    count: tie.interactions,
                    n: format.number(tie.interactions),
                  })}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="chosen-actions">
        <Link to={`/people/${encodeURIComponent(node)}`} className="button primary-link">
          {t("chosen.open")}
          <span className="visually-hidden"> <bdi>{person.label}</bdi></span>
        </Link>{" "}
        <button type="button" onClick={onClear}>
          {t("chosen.clear")}
        </button>
      </p>
    </section>
  );
}
