// The review's window: the days it covers and how they are grouped, kept in the URL so that
// a review can be shared, bookmarked and printed again. A preset ("the last 90 days") moves
// with today; custom dates stay where they were set. Days are UTC days, as the API buckets.
import type { TimeBucket } from "../../gql/graphql";

export const PRESETS = [30, 90, 180] as const;
export type Preset = (typeof PRESETS)[number];
export const BUCKETS: readonly TimeBucket[] = ["WEEK", "DAY"];

const DEFAULT_PRESET: Preset = 90;
const DAY_MS = 86_400_000;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export interface ReviewWindow {
  /** The first day, `YYYY-MM-DD`. */
  first: string;
  /** The last day, included. */
  last: string;
  /** The preset it follows, or null for custom dates. */
  preset: Preset | null;
  bucket: TimeBucket;
}

/** The day of `now` in UTC. */
export function utcDay(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return utcDay(new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS));
}

/** A real calendar day written `YYYY-MM-DD`, else null. */
function parseDay(text: string | null): string | null {
  if (text === null || !DAY.test(text)) return null;
  const time = Date.parse(`${text}T00:00:00Z`);
  return Number.isNaN(time) || utcDay(new Date(time)) !== text ? null : text;
}

function parsePreset(text: string | null): Preset | null {
  return PRESETS.find((preset) => String(preset) === text) ?? null;
}

export function presetWindow(preset: Preset, today: string, bucket: TimeBucket): ReviewWindow {
  return { first: addDays(today, 1 - preset), last: today, preset, bucket };
}

/** The window the URL asks for: custom dates when both are valid and in order, else its
 * preset, else the last 90 days; grouped by week unless it says by day. */
export function readWindow(params: URLSearchParams, today: string): ReviewWindow {
  const bucket: TimeBucket = params.get("bucket") === "day" ? "DAY" : "WEEK";
  const first = parseDay(params.get("since"));
  const last = parseDay(params.get("until"));
  if (first !== null && last !== null && first <= last) {
    return { first, last, preset: null, bucket };
  }
  return presetWindow(parsePreset(params.get("last")) ?? DEFAULT_PRESET, today, bucket);
}

/** `params` with the window written in: a preset as `last`, custom dates as `since` and
 * `until`; other parameters (a touchpoint, a channel) are kept. */
export function writeWindow(window: ReviewWindow, params: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const name of ["last", "since", "until"]) next.delete(name);
  if (window.preset !== null) {
    next.set("last", String(window.preset));
  } else {
    next.set("since", window.first);
    next.set("until", window.last);
  }
  next.set("bucket", window.bucket.toLowerCase());
  return next;
}

/** A custom window of `days` days ending on `last` (as an alert's links ask). */
export function windowEndingOn(last: string, days: number, bucket: TimeBucket): ReviewWindow {
  return { first: addDays(last, 1 - days), last, preset: null, bucket };
}

/** The first day of every bucket the window touches, oldest first (weeks start on Monday,
 * as the API's do). */
export function bucketStarts(window: ReviewWindow): string[] {
  const weekday = (new Date(`${window.first}T00:00:00Z`).getUTCDay() + 6) % 7;
  const step = window.bucket === "WEEK" ? 7 : 1;
  const starts: string[] = [];
  let day = step === 7 ? addDays(window.first, -weekday) : window.first;
  while (day <= window.last) {
    starts.push(day);
    day = addDays(day, step);
  }
  return starts;
}

export function windowDays(window: ReviewWindow): number {
  return Math.round((Date.parse(window.last) - Date.parse(window.first)) / DAY_MS) + 1;
}

/** The API's half-open range for the window, and where the equally long window before it
 * starts (it ends where this one starts). */
export function apiRange(window: ReviewWindow): {
  since: string;
  until: string;
  previousSince: string;
} {
  const at = (day: string) => `${day}T00:00:00Z`;
  return {
    since: at(window.first),
    until: at(addDays(window.last, 1)),
    previousSince: at(addDays(window.first, -windowDays(window))),
  };
}
