// The influencer map as a graphology graph, in the attributes sigma draws: a node's area
// grows with its influence, its colour is its community's, an edge's thickness grows with
// the tie's weight.
import { UndirectedGraph } from "graphology";
import type { MapGraphQuery } from "../../gql/graphql";
import { personLabel } from "../../components/PersonName";
import { communityColour } from "../../lib/colours";

export type MapAnswer = MapGraphQuery["influencerMap"];

export interface NodeAttributes {
  label: string;
  /** The first handle, for the search (names are not always given). */
  handle: string | null;
  x: number;
  y: number;
  size: number;
  color: string;
  score: number;
  community: string | null;
  /** Edges drawn to or from the node. */
  ties: number;
}

export interface EdgeAttributes {
  size: number;
  color: string;
  weight: number;
  interactions: number;
}

export type MapGraph = UndirectedGraph<NodeAttributes, EdgeAttributes>;

export const NODE_SIZE = { min: 3, max: 18 } as const;
export const EDGE_SIZE = { min: 0.5, max: 5 } as const;
const EDGE_COLOUR = "#b3bcc7";

/** A node's radius: its area is proportional to its influence. */
export function nodeSize(score: number, largest: number): number {
  if (largest <= 0) return NODE_SIZE.min;
  const share = Math.sqrt(Math.max(score, 0) / largest);
  return NODE_SIZE.min + (NODE_SIZE.max - NODE_SIZE.min) * share;
}

/** An edge's thickness: weights span orders of magnitude, so on a log scale. */
export function edgeSize(weight: number, largest: number): number {
  if (largest <= 0) return EDGE_SIZE.min;
  const share = Math.log1p(Math.max(weight, 0)) / Math.log1p(largest);
  return EDGE_SIZE.min + (EDGE_SIZE.max - EDGE_SIZE.min) * share;
}

/**
 * The graph of an `influencerMap` answer, nodes in the API's order (most influential
 * first). ``ranks`` gives each community's rank among those listed (largest first), which
 * picks its colour. Positions start at 0; the layout places the nodes.
 */
export function buildMapGraph(
  answer: MapAnswer,
  ranks: ReadonlyMap<string, { rank: number }>,
): MapGraph {
  const graph: MapGraph = new UndirectedGraph();
  const topScore = Math.max(0, ...answer.nodes.map((node) => node.score));
  for (const node of answer.nodes) {
    if (graph.hasNode(node.person.id)) continue;
    graph.addNode(node.person.id, {
      label: personLabel(node.person),
      handle: node.person.accounts[0]?.handle ?? null,
      x: 0,
      y: 0,
      size: nodeSize(node.score, topScore),
      color: communityColour(
        node.communityId === null ? undefined : ranks.get(node.communityId)?.rank,
      ),
      score: node.score,
      community: node.communityId,
      ties: 0,
    });
  }
  const topWeight = Math.max(0, ...answer.edges.map((edge) => edge.weight));
  for (const edge of answer.edges) {
    const { source, target } = edge;
    // An edge always joins two drawn people; one that did not could not be drawn.
    if (!graph.hasNode(source) || !graph.hasNode(target) || graph.hasEdge(source, target)) {
      continue;
    }
    graph.addEdge(source, target, {
      size: edgeSize(edge.weight, topWeight),
      color: EDGE_COLOUR,
      weight: edge.weight,
      interactions: edge.interactions,
    });
  }
  graph.forEachNode((node) => graph.setNodeAttribute(node, "ties", graph.degree(node)));
  return graph;
}

export interface Tie {
  other: string;
  weight: number;
  interactions: number;
}

/** A drawn person's ties on the map, strongest first. */
export function tiesOf(graph: MapGraph, node: string): Tie[] {
  return graph
    .mapEdges(node, (_, edge, source, target) => ({
      other: source === node ? target : source,
      weight: edge.weight,
      interactions: edge.interactions,
    }))
    .sort((a, b) => b.weight - a.weight);
}

/** The drawn people whose name or handle contains ``text`` (case- and accent-insensitive),
 * most influential first. */
export function findDrawn(graph: MapGraph, text: string, limit = 8): string[] {
  const wanted = fold(text.trim());
  if (wanted.length === 0) return [];
  const found: string[] = [];
  graph.forEachNode((node, attributes) => {
    if (found.length < limit && matches(attributes, wanted)) found.push(node);
  });
  return found;
}

function matches(attributes: NodeAttributes, wanted: string): boolean {
  return (
    fold(attributes.label).includes(wanted) ||
    (attributes.handle !== null && fold(attributes.handle).includes(wanted))
  );
}

function fold(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase();
}
