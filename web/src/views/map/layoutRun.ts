// ForceAtlas2 on the map's nodes, batch by batch, until it settles (see settle.ts). The web
// worker runs it off the page's thread; it holds no DOM, so unit tests run it directly.
import { UndirectedGraph } from "graphology";
import forceAtlas2, { inferSettings } from "graphology-layout-forceatlas2";
import { SETTLE, layoutStatus, relativeDisplacement, type LayoutStatus } from "./settle";

/** What the page sends the worker: nodes by index, in the graph's order. */
export interface LayoutInput {
  /** x, y of each node, interleaved. */
  positions: Float32Array;
  sizes: Float32Array;
  /** Source and target index of each edge, interleaved. */
  edges: Uint32Array;
  weights: Float32Array;
}

/** What the worker answers after each batch. */
export interface LayoutStep {
  positions: Float32Array;
  iterations: number;
  status: LayoutStatus;
}

interface Point {
  x: number;
  y: number;
  size: number;
}

export interface LayoutRun {
  /** Runs one batch of iterations; its positions (the caller's to keep or transfer) and
   * the layout's status. */
  step(): LayoutStep;
}

export function startLayout(input: LayoutInput): LayoutRun {
  const graph = new UndirectedGraph<Point, { weight: number }>();
  const order = input.sizes.length;
  for (let i = 0; i < order; i++) {
    graph.addNode(String(i), {
      x: input.positions[2 * i] ?? 0,
      y: input.positions[2 * i + 1] ?? 0,
      size: input.sizes[i] ?? 1,
    });
  }
  for (let e = 0; e < input.weights.length; e++) {
    const source = String(input.edges[2 * e]);
    const target = String(input.edges[2 * e + 1]);
    if (!graph.hasEdge(source, target)) {
      graph.addEdge(source, target, { weight: input.weights[e] ?? 1 });
    }
  }
  const settings = {
    ...inferSettings(order),
    // More gravity than the inferred 0.05 keeps small groups and loners from drifting to
    // the edges: the drawing fills the frame, and settles sooner.
    gravity: 0.2,
    // Barnes-Hut approximates repulsion in O(n log n): faster from a few hundred nodes on;
    // as coarse as Gephi's default (1.2), which halves an iteration's cost at 500 people.
    barnesHutOptimize: order > 250,
    barnesHutTheta: 1.2,
  };
  let before = positionsOf(graph);
  let iterations = 0;
  return {
    step() {
      if (order < 2) return { positions: before.slice(), iterations, status: "settled" };
      forceAtlas2.assign(graph, { iterations: SETTLE.batch, settings, getEdgeWeight: "weight" });
      iterations += SETTLE.batch;
      const after = positionsOf(graph);
      const status = layoutStatus(relativeDisplacement(before, after, SETTLE.batch), iterations);
      before = after;
      return { positions: after.slice(), iterations, status };
    },
  };
}

function positionsOf(graph: UndirectedGraph<Point>): Float32Array {
  const positions = new Float32Array(graph.order * 2);
  let i = 0;
  graph.forEachNode((_, point) => {
    positions[i++] = point.x;
    positions[i++] = point.y;
  });
  return positions;
}
