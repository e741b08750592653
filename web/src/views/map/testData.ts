// A small influencer map answer for the unit tests.
import type { MapAnswer } from "./graph";

const person = (id: string, displayName: string | null, handle: string) => ({
  id,
  displayName,
  affiliation: null,
  accounts: [{ platform: "mastodon", handle }],
});

export const ANSWER: MapAnswer = {
  truncated: true,
  nodes: [
    { score: 16, communityId: "c-big", person: person("p1", "Giulia Rossi", "giulia") },
    { score: 4, communityId: "c-small", person: person("p2", null, "tom") },
    { score: 1, communityId: null, person: person("p3", "Zoë Åberg", "zoe") },
    { score: 1, communityId: "c-unlisted", person: person("p4", "  ", "anon") },
  ],
  edges: [
    { source: "p1", target: "p2", weight: 100, interactions: 12 },
    { source: "p2", target: "p3", weight: 0.5, interactions: 1 },
    { source: "p1", target: "p3", weight: 9, interactions: 3 },
    { source: "p1", target: "nobody", weight: 3, interactions: 1 },
  ],
};
export const RANKS = new Map([
  ["c-big", { rank: 0 }],
  ["c-small", { rank: 1 }],
]);
