// The map's legend: each community drawn, in its colour, with its size, how many of its
// people are on the map and what it talks about. Choosing one filters the map to it.
import { memo, useId } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useFormat } from "../../lib/format";
import { CommunitySwatch } from "../../components/community/CommunityLink";
import { communityName, type CommunityRanks } from "../../components/community/ranks";
import type { MapGraph } from "./graph";
import { topicLabel } from "../../lib/topics";

interface LegendEntry {
  id: string | null;
  drawn: number;
}

/** The communities of the drawn people, largest first; people in none last. */
export function legendEntries(graph: MapGraph, ranks: CommunityRanks): LegendEntry[] {
  const drawn = new Map<string | null, number>();
  graph.forEachNode((_, node) => drawn.set(node.community, (drawn.get(node.community) ?? 0) + 1));
  const order = (id: string | null) =>
    id === null ? Number.MAX_SAFE_INTEGER : (ranks.get(id)?.rank ?? Number.MAX_SAFE_INTEGER - 1);
  return [...drawn]
    .map(([id, count]) => ({ id, drawn: count }))
    .sort((a, b) => order(a.id) - order(b.id));
}

// Memoised: the map redraws its highlight on every hover; the legend need not.
export const MapLegend = memo(function MapLegend({
  graph,
  ranks,
  active,
  onToggle,
}: {
  graph: MapGraph;
  ranks: CommunityRanks;
  /** The community the map is filtered to. */
  active: string | null;
  /** Filters the map to a community, or back to all; absent where the map is one's. */
  onToggle?: (id: string | null) => void;
}) {
  const { t } = useTranslation("map");
  const { t: tc } = useTranslation("communities");
  const format = useFormat();
  const titleId = useId();
  const entries = legendEntries(graph, ranks);
  return (
    <section className="map-legend" aria-labelledby={titleId}>
      <h2 id={titleId}>{t("legend.title")}</h2>
      {onToggle && <p className="hint">{t("legend.hint")}</p>}
      <ul>
        {entries.map(({ id, drawn }) => {
          const community = id === null ? undefined : ranks.get(id);
          const name = id === null ? tc("name.none") : communityName(tc, id, community?.rank);
          const swatch = <CommunitySwatch rank={community?.rank} />;
          return (
            <li key={id ?? ""}>
              {onToggle && id !== null ? (
                <button
                  type="button"
                  className="legend-toggle"
                  aria-pressed={active === id}
                  onClick={() => onToggle(active === id ? null : id)}
                >
                  {swatch}
                  {name}
                </button>
              ) : (
                <span className="legend-name">
                  {swatch}
                  {name}
                </span>
              )}
              <span className="legend-counts">
                {community &&
                  t("legend.members", {
                    count: community.size,
                    n: format.number(community.size),
                  })}
                {community && " · "}
                {t("legend.drawn", { count: drawn, n: format.number(drawn) })}
              </span>
              {community && community.topTopics.length > 0 && (
                <span className="legend-topics">
                  {community.topTopics.slice(0, 4).map((topic) => (
                    <bdi key={topic} className="topic">
                      {topicLabel(topic)}
                    </bdi>
                  ))}
                </span>
              )}
              {id !== null && (
                <Link to={`/communities/${encodeURIComponent(id)}`} className="legend-open">
                  {t("legend.open")}
                  <span className="visually-hidden"> {name}</span>
                </Link>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
});
