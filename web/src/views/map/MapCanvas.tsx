// The map drawn by sigma (WebGL): hovering a person or choosing one highlights them and
// their ties and dims the rest; clicking a person opens them. The canvas is also a keyboard
// widget: the arrow keys walk people by influence (the parent keeps who is chosen).
import { useEffect, useLayoutEffect, useRef, type KeyboardEvent } from "react";
import type { Attributes } from "graphology-types";
import Sigma from "sigma";
import type { MapGraph } from "./graph";
import type { Zoom } from "./keys";
import { prefersReducedMotion } from "./motion";

/** Sigma's own attribute types: what @sigma/export-image takes. */
export type MapRenderer = Sigma;

const DIMMED = "#e3e7ec";
const LABEL_FONT = 'system-ui, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", sans-serif';

/** Centres the camera on ``node`` and zooms in on it. */
export function flyTo(renderer: MapRenderer, node: string): void {
  const shown = renderer.getNodeDisplayData(node);
  if (!shown) return;
  const camera = renderer.getCamera();
  void camera.animate(
    { x: shown.x, y: shown.y, ratio: Math.min(camera.getState().ratio, 0.4) },
    { duration: prefersReducedMotion() ? 0 : 500 },
  );
}

export function zoomCamera(renderer: MapRenderer, zoom: Zoom): void {
  const camera = renderer.getCamera();
  const duration = prefersReducedMotion() ? 0 : 300;
  if (zoom === "in") void camera.animatedZoom({ duration });
  else if (zoom === "out") void camera.animatedUnzoom({ duration });
  else void camera.animatedReset({ duration });
}

export function MapCanvas({
  graph,
  focus,
  label,
  describedBy,
  onReady,
  onHover,
  onOpen,
  onKeyDown,
}: {
  graph: MapGraph;
  /** The person highlighted (hovered, else chosen), with their neighbours. */
  focus: string | null;
  label: string;
  describedBy: string;
  onReady(renderer: MapRenderer | null): void;
  onHover(node: string | null): void;
  onOpen(node: string): void;
  onKeyDown(event: KeyboardEvent<HTMLDivElement>): void;
}) {
  const container = useRef<HTMLDivElement>(null);
  const renderer = useRef<MapRenderer | null>(null);
  // The latest handlers, read by sigma's listeners (registered once per graph).
  const handlers = useRef({ onReady, onHover, onOpen });
  useLayoutEffect(() => {
    handlers.current = { onReady, onHover, onOpen };
  });

  // A layout effect: sigma must be gone before its container leaves the page (a frame it
  // drew into a detached container would throw).
  useLayoutEffect(() => {
    if (container.current === null) return;
    const drawn: MapRenderer = new Sigma<Attributes, Attributes>(graph, container.current, {
      labelFont: LABEL_FONT,
      labelSize: 13,
      labelColor: { color: "#1a202c" },
      labelRenderedSizeThreshold: 6,
      zIndex: true,
      stagePadding: 24,
      minCameraRatio: 0.03,
      maxCameraRatio: 3,
      // A container hidden for a moment (a page printed, a panel collapsed) is no error.
      allowInvalidContainer: true,
    });
    renderer.current = drawn;
    const canvas = container.current;
    drawn.on("enterNode", ({ node }) => {
      canvas.style.cursor = "pointer";
      handlers.current.onHover(node);
    });
    drawn.on("leaveNode", () => {
      canvas.style.cursor = "";
      handlers.current.onHover(null);
    });
    drawn.on("clickNode", ({ node }) => handlers.current.onOpen(node));
    drawn.once("afterRender", () => handlers.current.onReady(drawn));
    return () => {
      handlers.current.onReady(null);
      renderer.current = null;
      drawn.kill();
    };
  }, [graph]);

  useEffect(() => {
    const drawn = renderer.current;
    if (drawn === null) return;
    const near = focus !== null && graph.hasNode(focus) ? new Set(graph.neighbors(focus)) : null;
    drawn.setSetting("nodeReducer", (node, data) => {
      if (near === null) return data;
      if (node === focus) return { ...data, highlighted: true, forceLabel: true, zIndex: 2 };
      if (near.has(node)) return { ...data, forceLabel: true, zIndex: 1 };
      return { ...data, color: DIMMED, label: null, zIndex: 0 };
    });
    drawn.setSetting("edgeReducer", (edge, data) =>
      near === null || graph.hasExtremity(edge, focus ?? "") ? data : { ...data, hidden: true },
    );
  }, [graph, focus]);

  return (
    <div
      ref={container}
      className="map-canvas"
      role="application"
      aria-label={label}
      aria-describedby={describedBy}
      tabIndex={0}
      onKeyDown={onKeyDown}
    />
  );
}
