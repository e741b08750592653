// The drawn map as GEXF 1.3, for Gephi: each person with their label, influence score and
// community, and as drawn (size, colour, position); each tie with its weight.
import { write } from "graphology-gexf/browser";
import type { MapGraph } from "./graph";

export function mapToGexf(graph: MapGraph): string {
  return write(graph, {
    version: "1.3",
    formatNode: (_, node) => ({
      label: node.label,
      viz: { size: node.size, color: node.color, x: node.x, y: node.y },
      attributes: { score: node.score, community: node.community },
    }),
    formatEdge: (_, edge) => ({
      weight: edge.weight,
      attributes: { interactions: edge.interactions },
    }),
  });
}
