// The review's comparisons: each key's volume and tone in the window against the equally
// long window before it. Means of a handful of posts swing wildly, so changes in tone and
// the summary's "grew" need a few posts on both sides.
import type { ChannelKind, TrendSeriesFragment } from "../../gql/graphql";
import { utcDay } from "./reviewWindow";

/** Fewer posts than this on either side and a change is not worth calling out. */
export const MIN_POSTS = 5;
/** "Grew more than 50%". */
export const STRONG_GROWTH = 0.5;

export interface Totals {
  key: string;
  posts: number;
  sentiment?: number | null;
}

export interface VolumeChange {
  key: string;
  posts: number;
  previous: number;
  /** Relative change (0.5 = +50%); null when there were none before. */
  growth: number | null;
}

export interface ToneShift {
  key: string;
  posts: number;
  sentiment: number | null;
  previous: number | null;
  /** From the previous window's mean to this one's; null when either has too few posts. */
  change: number | null;
}

export function growth(posts: number, previous: number): number | null {
  return previous > 0 ? (posts - previous) / previous : null;
}

function byKey<T extends Totals>(totals: readonly T[]): Map<string, T> {
  return new Map(totals.map((total) => [total.key, total]));
}

/** Each key of the window (in its order) with its posts before; a key missing before had
 * none. */
export function volumeChanges(
  current: readonly Totals[],
  previous: readonly Totals[],
): VolumeChange[] {
  const before = byKey(previous);
  return current.map(({ key, posts }) => {
    const earlier = before.get(key)?.posts ?? 0;
    return { key, posts, previous: earlier, growth: growth(posts, earlier) };
  });
}

/** The keys that gained most posts, at least `MIN_POSTS` now: what is rising. */
export function rising(changes: readonly VolumeChange[], count: number): VolumeChange[] {
  return changes
    .filter((change) => change.posts >= MIN_POSTS && change.posts > change.previous)
    .sort((a, b) => b.posts - b.previous - (a.posts - a.previous) || a.key.localeCompare(b.key))
    .slice(0, count);
}

/** The keys that grew more than `STRONG_GROWTH` from at least `MIN_POSTS`, fastest first. */
export function strongGrowth(changes: readonly VolumeChange[]): VolumeChange[] {
  return changes
    .filter((change) => change.previous >= MIN_POSTS && (change.growth ?? 0) > STRONG_GROWTH)
    .sort((a, b) => (b.growth ?? 0) - (a.growth ?? 0));
}

/** Each key's mean sentiment now and before, the largest shifts (either way) first; keys
 * that cannot be compared follow in their own order. */
export function toneShifts(current: readonly Totals[], previous: readonly Totals[]): ToneShift[] {
  const before = byKey(previous);
  const shifts = current.map(({ key, posts, sentiment = null }) => {
    const earlier = before.get(key);
    const then = earlier?.sentiment ?? null;
    const comparable = posts >= MIN_POSTS && (earlier?.posts ?? 0) >= MIN_POSTS;
    const change = comparable && sentiment != null && then !== null ? sentiment - then : null;
    return { key, posts, sentiment, previous: then, change };
  });
  const size = (shift: ToneShift) => (shift.change === null ? -1 : Math.abs(shift.change));
  // Array.prototype.sort is stable: ties (and the incomparable) keep the window's order.
  return shifts.sort((a, b) => size(b) - size(a));
}

export interface KindVolume {
  kind: ChannelKind;
  posts: number;
  previous: number;
  growth: number | null;
  /** Of the window's posts in the channels listed. */
  share: number;
}

/** Posts per kind of channel (appeal, vertical, peripheral): where the conversation moved. */
export function volumesByKind(
  changes: readonly VolumeChange[],
  kindOf: (key: string) => ChannelKind | undefined,
): KindVolume[] {
  const kinds: ChannelKind[] = ["APPEAL", "VERTICAL", "PERIPHERAL"];
  const total = changes.reduce((sum, change) => sum + change.posts, 0);
  return kinds.map((kind) => {
    const mine = changes.filter((change) => kindOf(change.key) === kind);
    const posts = mine.reduce((sum, change) => sum + change.posts, 0);
    const previous = mine.reduce((sum, change) => sum + change.previous, 0);
    const share = total ? posts / total : 0;
    return { kind, posts, previous, growth: growth(posts, previous), share };
  });
}

/** Whether an instant (ISO) falls on one of the days `first` to `last`. */
export function seenWithin(at: string | null, first: string, last: string): boolean {
  if (at === null) return false;
  const day = utcDay(new Date(at));
  return day >= first && day <= last;
}

/** The series with an empty point for each bucket without posts (the API leaves them out),
 * so that a chart spans the whole window and shows a quiet week as one. */
export function withEmptyBuckets(
  series: readonly TrendSeriesFragment[],
  starts: readonly string[],
): TrendSeriesFragment[] {
  return series.map((trend) => {
    const known = new Set(trend.points.map((point) => point.start));
    const empty = starts
      .filter((start) => !known.has(start))
      .map((start) => ({ start, posts: 0, scored: 0, sentiment: null }));
    const points = [...trend.points, ...empty].sort((a, b) => a.start.localeCompare(b.start));
    return { ...trend, points };
  });
}
