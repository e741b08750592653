// Above the map: find a person, show the map or its table, export what is drawn.
import { useTranslation } from "react-i18next";
import { download } from "./download";
import type { MapGraph } from "./graph";
import type { MapRenderer } from "./MapCanvas";
import { MapSearch } from "./MapSearch";

export type MapView = "map" | "table";

const EXPORT_NAME = "osmosi-influencer-map";

async function exportGexf(graph: MapGraph) {
  const { mapToGexf } = await import("./gexf");
  download(new Blob([mapToGexf(graph)], { type: "application/gexf+xml" }), `${EXPORT_NAME}.gexf`);
}

async function exportPng(renderer: MapRenderer) {
  const { toBlob } = await import("@sigma/export-image");
  const image = await toBlob(renderer, { format: "png", backgroundColor: "#ffffff" });
  download(image, `${EXPORT_NAME}.png`);
}

export function MapToolbar({
  graph,
  renderer,
  view,
  onView,
  onChoose,
}: {
  graph: MapGraph;
  /** The drawing, for the PNG (none in the table view). */
  renderer: MapRenderer | null;
  view: MapView;
  onView(view: MapView): void;
  onChoose(node: string): void;
}) {
  const { t } = useTranslation("map");
  return (
    <div className="map-toolbar">
      <MapSearch graph={graph} onChoose={onChoose} />
      <div className="view-switch" role="group" aria-label={t("view.label")}>
        {(["map", "table"] as const).map((shown) => (
          <button
            key={shown}
            type="button"
            aria-pressed={view === shown}
            onClick={() => onView(shown)}
          >
            {t(`view.${shown}`)}
          </button>
        ))}
      </div>
      <div className="map-exports" role="group" aria-label={t("export.label")}>
        <button type="button" onClick={() => void exportGexf(graph)}>
          {t("export.gexf")}
        </button>
        {view === "map" && (
          <button
            type="button"
            onClick={() => renderer && void exportPng(renderer)}
            disabled={renderer === null}
          >
            {t("export.png")}
          </button>
        )}
      </div>
    </div>
  );
}
