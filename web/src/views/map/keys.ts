// The map's keys: the arrows walk people by influence (the most influential first), Home
// and End jump to the ends, Enter opens the chosen person, + and − zoom, 0 shows the whole
// map, Escape lets go of the chosen person.

export type Zoom = "in" | "out" | "reset";

export type KeyAction =
  | { kind: "choose"; node: string | null }
  | { kind: "open"; node: string }
  | { kind: "zoom"; zoom: Zoom };

/** What ``key`` does on a map of ``people`` (most influential first) where ``chosen`` is
 * chosen; null for a key the map leaves alone. */
export function keyAction(
  key: string,
  people: readonly string[],
  chosen: string | null,
): KeyAction | null {
  const at = chosen === null ? -1 : people.indexOf(chosen);
  // From no one, forward starts at the most influential and back at the least.
  const walk = (step: 1 | -1): KeyAction => {
    const next = at === -1 ? (step === 1 ? 0 : people.length - 1) : at + step;
    return { kind: "choose", node: people[(next + people.length) % people.length] ?? null };
  };
  switch (key) {
    case "ArrowRight":
    case "ArrowDown":
      return walk(1);
    case "ArrowLeft":
    case "ArrowUp":
      return walk(-1);
    case "Home":
      return { kind: "choose", node: people[0] ?? null };
    case "End":
      return { kind: "choose", node: people.at(-1) ?? null };
    case "Enter":
      return chosen === null ? null : { kind: "open", node: chosen };
    case "+":
    case "=":
      return { kind: "zoom", zoom: "in" };
    case "-":
      return { kind: "zoom", zoom: "out" };
    case "0":
      return { kind: "zoom", zoom: "reset" };
    case "Escape":
      return chosen === null ? null : { kind: "choose", node: null };
    default:
      return null;
  }
}
