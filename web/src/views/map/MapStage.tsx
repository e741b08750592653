// The drawing with its zoom buttons, the keys it answers to, and, for screen readers, who
// is chosen.
import { useId, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../lib/format";
import { communityName, type CommunityRanks } from "../../components/community/ranks";
import type { MapGraph } from "./graph";
import { keyAction, type Zoom } from "./keys";
import { MapCanvas, zoomCamera, type MapRenderer } from "./MapCanvas";

export function MapStage({
  graph,
  renderer,
  ranks,
  chosen,
  hovered,
  onReady,
  onHover,
  onChoose,
  onOpen,
}: {
  graph: MapGraph;
  renderer: MapRenderer | null;
  ranks: CommunityRanks;
  chosen: string | null;
  hovered: string | null;
  onReady(renderer: MapRenderer | null): void;
  onHover(node: string | null): void;
  onChoose(node: string | null): void;
  onOpen(node: string): void;
}) {
  const { t } = useTranslation("map");
  const { t: tc } = useTranslation("communities");
  const format = useFormat();
  const keysId = useId();

  /** The chosen person in words, for screen readers (the card shows them). */
  function caption(node: string): string {
    const person = graph.getNodeAttributes(node);
    const community = person.community;
    return t("canvas.chosen", {
      name: person.label,
      score: format.number(person.score, 2),
      community:
        community === null
          ? tc("name.none")
          : communityName(tc, community, ranks.get(community)?.rank),
      ties: format.number(person.ties),
    });
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const action = keyAction(event.key, graph.nodes(), chosen);
    if (action === null) return;
    event.preventDefault();
    if (action.kind === "choose") onChoose(action.node);
    else if (action.kind === "open") onOpen(action.node);
    else zoom(action.zoom);
  }

  function zoom(how: Zoom) {
    if (renderer !== null) zoomCamera(renderer, how);
  }

  return (
    <div className="map-stage">
      <MapCanvas
        graph={graph}
        focus={hovered ?? chosen}
        label={t("canvas.label", { count: graph.order, n: format.number(graph.order) })}
        describedBy={keysId}
        onReady={onReady}
        onHover={onHover}
        onOpen={onOpen}
        onKeyDown={onKeyDown}
      />
      <div className="camera-controls" role="group" aria-label={t("camera.label")}>
        <button type="button" onClick={() => zoom("in")} aria-label={t("camera.in")}>
          +
        </button>
        <button type="button" onClick={() => zoom("out")} aria-label={t("camera.out")}>
          −
        </button>
        <button type="button" onClick={() => zoom("reset")}>
          {t("camera.reset")}
        </button>
      </div>
      <p id={keysId} className="hint map-keys">
        {t("canvas.keys")}
      </p>
      <p className="visually-hidden" aria-live="polite">
        {chosen !== null && caption(chosen)}
      </p>
    </div>
  );
}
