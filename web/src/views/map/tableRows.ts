// The map as rows of a table: the same people, sortable by name, influence, community or
// number of ties.
import type { CommunityRanks } from "../../components/community/ranks";
import type { MapGraph } from "./graph";

export interface PersonRow {
  id: string;
  label: string;
  score: number;
  community: string | null;
  /** The community's rank (largest first); unranked ones after, people in none last. */
  communityOrder: number;
  ties: number;
}

export type SortKey = "label" | "score" | "community" | "ties";
export type SortDirection = "ascending" | "descending";

export function personRows(graph: MapGraph, ranks: CommunityRanks): PersonRow[] {
  return graph.mapNodes((id, node) => ({
    id,
    label: node.label,
    score: node.score,
    community: node.community,
    communityOrder:
      node.community === null
        ? Number.MAX_SAFE_INTEGER
        : (ranks.get(node.community)?.rank ?? Number.MAX_SAFE_INTEGER - 1),
    ties: node.ties,
  }));
}

/** The direction a column sorts in first: numbers largest first, names A to Z. */
export function firstDirection(key: SortKey): SortDirection {
  return key === "score" || key === "ties" ? "descending" : "ascending";
}

export function sortRows(
  rows: readonly PersonRow[],
  key: SortKey,
  direction: SortDirection,
  locale: string,
): PersonRow[] {
  const collator = new Intl.Collator(locale, { sensitivity: "base", numeric: true });
  const compare = (a: PersonRow, b: PersonRow): number => {
    switch (key) {
      case "label":
        return collator.compare(a.label, b.label);
      case "community":
        return a.communityOrder - b.communityOrder;
      default:
        return a[key] - b[key];
    }
  };
  const sign = direction === "ascending" ? 1 : -1;
  // Ties in the chosen column keep influence order (most influential first).
  return [...rows].sort((a, b) => sign * compare(a, b) || b.score - a.score);
}
