// Where the map's nodes go: first packed in circles by community (at once, so the map is
// drawn and usable before any force has run), then ForceAtlas2 in a web worker, its
// positions streamed into the graph (sigma redraws as they come) until it settles.
import { useEffect, useState } from "react";
import circlepack from "graphology-layout/circlepack";
import type { MapGraph } from "./graph";
import type { LayoutInput, LayoutStep } from "./layoutRun";
import { prefersReducedMotion } from "./motion";
import type { LayoutStatus } from "./settle";

/** A small seeded generator (mulberry32): the same map always starts, and so ends, in the
 * same place, so that a shared link shows the same picture. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Packs each community's nodes in a circle of its own (nodes sized by influence). */
export function placeByCommunity(graph: MapGraph): void {
  circlepack.assign(graph, { hierarchyAttributes: ["community"], rng: seeded(0x05e3d) });
}

export function layoutInput(graph: MapGraph): LayoutInput {
  const index = new Map<string, number>();
  const positions = new Float32Array(graph.order * 2);
  const sizes = new Float32Array(graph.order);
  graph.forEachNode((node, attributes) => {
    const i = index.size;
    index.set(node, i);
    positions[2 * i] = attributes.x;
    positions[2 * i + 1] = attributes.y;
    sizes[i] = attributes.size;
  });
  const edges = new Uint32Array(graph.size * 2);
  const weights = new Float32Array(graph.size);
  let e = 0;
  graph.forEachEdge((_, attributes, source, target) => {
    edges[2 * e] = index.get(source) ?? 0;
    edges[2 * e + 1] = index.get(target) ?? 0;
    weights[e] = attributes.weight;
    e++;
  });
  return { positions, sizes, edges, weights };
}

function applyPositions(graph: MapGraph, positions: Float32Array): void {
  let i = 0;
  graph.updateEachNodeAttributes(
    (_, attributes) => {
      attributes.x = positions[i++] ?? attributes.x;
      attributes.y = positions[i++] ?? attributes.y;
      return attributes;
    },
    { attributes: ["x", "y"] },
  );
}

export interface Layout {
  status: LayoutStatus;
  /** ForceAtlas2 iterations run, once the layout has ended (0 while it runs). */
  iterations: number;
}

/** Lays ``graph`` out in a worker; its state. With reduced motion preferred, nodes move
 * once, when the layout ends, instead of streaming. */
export function useLayout(graph: MapGraph | null): Layout {
  const [state, setState] = useState<Layout & { graph: MapGraph | null }>({
    graph: null,
    status: "running",
    iterations: 0,
  });
  useEffect(() => {
    if (graph === null) return;
    const stream = !prefersReducedMotion();
    const worker = new Worker(new URL("./layout.worker.ts", import.meta.url), { type: "module" });
    worker.onmessage = (event: MessageEvent<LayoutStep>) => {
      const { positions, status, iterations } = event.data;
      if (stream || status !== "running") applyPositions(graph, positions);
      if (status !== "running") {
        worker.terminate();
        setState({ graph, status, iterations });
      }
    };
    // A worker that fails (its error is logged) leaves the packed layout, honestly labelled.
    worker.onerror = () => setState({ graph, status: "stopped", iterations: 0 });
    const input = layoutInput(graph);
    worker.postMessage(input, [
      input.positions.buffer,
      input.sizes.buffer,
      input.edges.buffer,
      input.weights.buffer,
    ]);
    return () => worker.terminate();
  }, [graph]);
  return state.graph === graph ? state : { status: "running", iterations: 0 };
}
