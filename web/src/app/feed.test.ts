import { describe, expect, it } from "vitest";
import type { AlertItemFragment } from "../gql/graphql";
import { EMPTY_FEED, KEEP, feedReducer, unseen, type FeedEvent, type FeedState } from "./feed";

function alert(id: string, raisedAt = "2026-12-01T10:00:00Z"): AlertItemFragment {
  const subject = "reddit:r/caffe";
  return { id, kind: "CHANNEL_SURGE", raisedAt, subject, figures: [], post: null, person: null };
}

const run = (events: FeedEvent[], from: FeedState = EMPTY_FEED) => events.reduce(feedReducer, from);
const raised = (item: AlertItemFragment): FeedEvent => ({ type: "raised", alert: item });

describe("the live alerts feed", () => {
  it("lists alerts newest first and counts those not seen yet", () => {
    const state = run([
      raised(alert("a", "2026-12-01T10:00:00Z")),
      raised(alert("b", "2026-12-01T10:05:00Z")),
      raised(alert("late", "2026-12-01T10:01:00Z")),
    ]);
    expect(state.live.map((a) => a.id)).toEqual(["b", "late", "a"]);
    expect(unseen(state)).toBe(3);
  });

  it("takes an alert sent again after a reconnection only once", () => {
    const state = run([raised(alert("a")), { type: "seen" }, raised(alert("a"))]);
    expect(state.live).toHaveLength(1);
    expect(unseen(state)).toBe(0);
  });

  it("counts from zero again once the alerts are seen, and again as new ones come", () => {
    const state = run([raised(alert("a")), raised(alert("b")), { type: "seen" }]);
    expect(unseen(state)).toBe(0);
    expect(unseen(run([raised(alert("c"))], state))).toBe(1);
  });

  it("keeps counting past the alerts it keeps, and never takes a dropped one again", () => {
    const many = Array.from({ length: KEEP + 5 }, (_, i) =>
      raised(alert(`n${i}`, new Date(Date.UTC(2026, 11, 1, 0, i)).toISOString())),
    );
    const state = run(many);
    expect(state.live).toHaveLength(KEEP);
    expect(state.live[0]?.id).toBe(`n${KEEP + 4}`);
    expect(unseen(state)).toBe(KEEP + 5);
    expect(run([raised(alert("n0", "2026-12-01T00:00:00Z"))], state)).toBe(state);
  });

  it("marks the feed interrupted until it is subscribed again or an alert arrives", () => {
    const down = run([{ type: "interrupted" }]);
    expect(down.interrupted).toBe(true);
    expect(run([{ type: "resubscribed" }], down).interrupted).toBe(false);
    expect(run([raised(alert("a"))], down).interrupted).toBe(false);
  });
});
