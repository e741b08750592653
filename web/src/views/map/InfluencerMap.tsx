// The influencer map for a set of filters: drawn at once (people packed by community), laid
// out by ForceAtlas2 in a worker, searchable, walkable with the keyboard, exportable, and
// the same people as a table. Tests read what is drawn from the root's data attributes.
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { useQuery } from "urql";
import { Empty, ErrorNote, Loading } from "../../components/QueryState";
import { MapGraphDocument } from "../../gql/graphql";
import { useFormat } from "../../lib/format";
import { useCommunityRanks } from "../../components/community/ranks";
import { ChosenPerson } from "./ChosenPerson";
import { mapVariables, narrowed, type MapFilters } from "./filters";
import { buildMapGraph, type MapGraph } from "./graph";
import { placeByCommunity, useLayout } from "./layout";
import { flyTo, type MapRenderer } from "./MapCanvas";
import { MapLegend } from "./MapLegend";
import { MapStage } from "./MapStage";
import { MapTable } from "./MapTable";
import { MapToolbar, type MapView } from "./MapToolbar";
import "./map.css";

export type { MapView } from "./MapToolbar";

export function InfluencerMap({
  filters,
  view,
  onView,
  onCommunity,
}: {
  filters: MapFilters;
  view: MapView;
  onView(view: MapView): void;
  /** Filters the map to a community (or back to all, with null); absent where the map is
   * one community's already. */
  onCommunity?: (id: string | null) => void;
}) {
  const { t } = useTranslation("map");
  const format = useFormat();
  const navigate = useNavigate();
  // The rankings change when they are recomputed, not between two looks at the map: a map
  // already fetched is drawn again as it was (and laid out again the same way).
  const [{ data, error, fetching }, retry] = useQuery({
    query: MapGraphDocument,
    variables: mapVariables(filters),
    requestPolicy: "cache-first",
  });
  const ranks = useCommunityRanks();
  const graph = useMemo<MapGraph | null>(() => {
    if (!data || !ranks) return null;
    const built = buildMapGraph(data.influencerMap, ranks);
    placeByCommunity(built);
    return built;
  }, [data, ranks]);
  const [renderer, setRenderer] = useState<MapRenderer | null>(null);
  const [hoveredId, setHovered] = useState<string | null>(null);
  const [chosenId, setChosen] = useState<string | null>(null);
  // Who was chosen or hovered on a map drawn before may not be on this one.
  const chosen = chosenId !== null && graph?.hasNode(chosenId) ? chosenId : null;
  const hovered = hoveredId !== null && graph?.hasNode(hoveredId) ? hoveredId : null;

  function choose(node: string | null) {
    setChosen(node);
    if (node !== null && renderer !== null) flyTo(renderer, node);
  }

  function open(node: string) {
    void navigate(`/people/${encodeURIComponent(node)}`);
  }

  const drawn = graph !== null && graph.order > 0 && (view === "table" || renderer !== null);
  // The layout starts once the map is drawn: the packed drawing is readable at once, and the
  // worker would otherwise compete with the first frame for the processor.
  const [laidOut, setLaidOut] = useState<MapGraph | null>(null);
  if (drawn && laidOut !== graph) setLaidOut(graph);
  const layout = useLayout(laidOut === graph ? graph : null);
  return (
    <div
      className="influencer-map"
      data-testid="influencer-map"
      data-nodes={graph?.order}
      data-edges={graph?.size}
      data-truncated={data ? String(data.influencerMap.truncated) : undefined}
      data-layout={graph && graph.order > 0 ? layout.status : undefined}
      data-iterations={graph && layout.status !== "running" ? layout.iterations : undefined}
      data-drawn={drawn ? "true" : undefined}
      data-chosen={chosen ?? undefined}
      data-hovered={hovered ?? undefined}
    >
      {error && <ErrorNote error={error} retry={() => retry({ requestPolicy: "network-only" })} />}
      {!error && graph === null && (fetching || !ranks) && <Loading label={t("loading")} />}
      {graph !== null && graph.order === 0 && (
        <Empty>{narrowed(filters) ? t("empty.filtered") : t("empty.none")}</Empty>
      )}
      {graph !== null && ranks !== null && graph.order > 0 && (
        <>
          <MapToolbar
            graph={graph}
            renderer={view === "map" ? renderer : null}
            view={view}
            onView={onView}
            onChoose={choose}
          />
          <p className="map-status" role="status">
            {t("status.people", { count: graph.order, n: format.number(graph.order) })}{" "}
            {t("status.ties", { count: graph.size, n: format.number(graph.size) })}{" "}
            <span className={`layout-${layout.status}`}>{t(`status.${layout.status}`)}</span>
          </p>
          {data?.influencerMap.truncated && <p className="hint">{t("status.truncated")}</p>}
          <div className="map-body">
            {view === "map" ? (
              <MapStage
                graph={graph}
                renderer={renderer}
                ranks={ranks}
                chosen={chosen}
                hovered={hovered}
                onReady={setRenderer}
                onHover={setHovered}
                onChoose={choose}
                onOpen={open}
              />
            ) : (
              <MapTable graph={graph} ranks={ranks} />
            )}
            <aside className="map-side" aria-label={t("side.label")}>
              {chosen !== null && (
                <ChosenPerson
                  graph={graph}
                  node={chosen}
                  ranks={ranks}
                  onChoose={choose}
                  onClear={() => choose(null)}
                />
              )}
              <MapLegend
                graph={graph}
                ranks={ranks}
                active={filters.communityId}
                onToggle={onCommunity}
              />
            </aside>
          </div>
        </>
      )}
    </div>
  );
}
