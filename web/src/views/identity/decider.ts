// Who decided a link, as the API records it: an API key by id and name (`key:ID (NAME)`),
// or the resolver itself for links above the threshold.

export type Decider =
  | { kind: "key"; name: string }
  | { kind: "resolver" }
  | { kind: "other"; text: string };

const KEY = /^key:[^\s(]+ \((.*)\)$/s;

export function decider(decidedBy: string): Decider {
  if (decidedBy === "osmosi:resolver") return { kind: "resolver" };
  const name = KEY.exec(decidedBy)?.[1];
  return name ? { kind: "key", name } : { kind: "other", text: decidedBy };
}
