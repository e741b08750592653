// The alerts raised while the app is open, as the subscription delivers them: newest first,
// each once (after a dropped connection the server sends again what it sent before), and
// how many arrived since the alerts were last looked at.
import type { AlertItemFragment } from "../gql/graphql";

/** Live alerts kept (older ones remain in the stored list). */
export const KEEP = 200;

export interface FeedState {
  live: readonly AlertItemFragment[];
  /** Every alert received, kept or not: a repeat is never counted again. */
  ids: ReadonlySet<string>;
  received: number;
  /** `received` when the alerts were last looked at. */
  seen: number;
  /** The subscription failed; it is tried again. */
  interrupted: boolean;
}

export type FeedEvent =
  | { type: "raised"; alert: AlertItemFragment }
  | { type: "seen" }
  | { type: "interrupted" }
  | { type: "resubscribed" };

export const EMPTY_FEED: FeedState = {
  live: [],
  ids: new Set(),
  received: 0,
  seen: 0,
  interrupted: false,
};

function newestFirst(
  live: readonly AlertItemFragment[],
  alert: AlertItemFragment,
): AlertItemFragment[] {
  const at = Date.parse(alert.raisedAt);
  const before = live.findIndex((other) => Date.parse(other.raisedAt) <= at);
  const index = before === -1 ? live.length : before;
  return [...live.slice(0, index), alert, ...live.slice(index)].slice(0, KEEP);
}

export function feedReducer(state: FeedState, event: FeedEvent): FeedState {
  switch (event.type) {
    case "raised":
      if (state.ids.has(event.alert.id)) {
        return state.interrupted ? { ...state, interrupted: false } : state;
      }
      return {
        ...state,
        live: newestFirst(state.live, event.alert),
        ids: new Set(state.ids).add(event.alert.id),
        received: state.received + 1,
        interrupted: false,
      };
    case "seen":
      return state.seen === state.received ? state : { ...state, seen: state.received };
    case "interrupted":
      return { ...state, interrupted: true };
    case "resubscribed":
      return { ...state, interrupted: false };
  }
}

export function unseen(state: FeedState): number {
  return state.received - state.seen;
}
