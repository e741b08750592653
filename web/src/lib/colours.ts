// Colours for series and communities: a qualitative palette whose colours stay apart for
// the common colour-vision deficiencies (Okabe–Ito, then Tableau's), each dark enough for
// lines and nodes on white.
const PALETTE = [
  "#0072b2",
  "#d55e00",
  "#009e73",
  "#cc79a7",
  "#e69f00",
  "#56b4e9",
  "#7f3c8d",
  "#3969ac",
  "#a5aa99",
  "#80ba5a",
  "#e73f74",
  "#11a579",
] as const;

export function seriesColour(index: number): string {
  return PALETTE[((index % PALETTE.length) + PALETTE.length) % PALETTE.length] ?? "#0072b2";
}

/** A community's colour, the same wherever it is drawn: by its rank among the communities
 * listed (largest first), grey for people in none. */
export function communityColour(rank: number | undefined): string {
  return rank === undefined || rank < 0 ? "#8a94a3" : seriesColour(rank);
}
