// The map's filters live in the URL's search params, so a filtered map is a link to share:
// `?first=300&topic=espresso&community=c-1&platform=mastodon&since=2026-01-01&until=2026-01-31`.
// Days are whole UTC days, both ends included (the API's window is [since, until)).
import type { MapGraphQueryVariables } from "../../gql/graphql";

export const MAX_PEOPLE = 500;
export const DEFAULT_PEOPLE = 200;
/** The sizes the size control offers (the URL may hold any from 1 to `MAX_PEOPLE`). */
export const PEOPLE_CHOICES = [50, 100, 200, 300, 500] as const;

export interface MapFilters {
  /** How many people to draw, the most influential first. */
  first: number;
  topic: string | null;
  communityId: string | null;
  platform: string | null;
  /** First day drawn (YYYY-MM-DD, UTC). */
  since: string | null;
  /** Last day drawn, included. */
  until: string | null;
}

export const NO_FILTERS: MapFilters = {
  first: DEFAULT_PEOPLE,
  topic: null,
  communityId: null,
  platform: null,
  since: null,
  until: null,
};

/** Each filter's name in the URL. */
const PARAMS = {
  first: "first",
  topic: "topic",
  communityId: "community",
  platform: "platform",
  since: "since",
  until: "until",
} as const satisfies Record<keyof MapFilters, string>;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar day as written, or null when it is not one (2026-02-30 is not). */
export function validDay(text: string | null): string | null {
  if (text === null || !DAY.test(text)) return null;
  const day = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(text) ? text : null;
}

function text(params: URLSearchParams, name: string): string | null {
  const value = params.get(name)?.trim();
  return value ? value : null;
}

function people(value: string | null): number {
  const parsed = value === null ? Number.NaN : Number.parseInt(value, 10);
  return Number.isFinite(parsed) ? Math.min(Math.max(parsed, 1), MAX_PEOPLE) : DEFAULT_PEOPLE;
}

export function parseFilters(params: URLSearchParams): MapFilters {
  const since = validDay(text(params, PARAMS.since));
  const until = validDay(text(params, PARAMS.until));
  // Days given the wrong way round still mean the days between them.
  const reversed = since !== null && until !== null && until < since;
  return {
    first: people(params.get(PARAMS.first)),
    topic: text(params, PARAMS.topic)?.toLowerCase() ?? null,
    communityId: text(params, PARAMS.communityId),
    platform: text(params, PARAMS.platform)?.toLowerCase() ?? null,
    since: reversed ? until : since,
    until: reversed ? since : until,
  };
}

/** ``params`` with the filters written in (defaults left out); other params (the view)
 * are kept. */
export function withFilters(params: URLSearchParams, filters: MapFilters): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const [key, name] of Object.entries(PARAMS) as [keyof MapFilters, string][]) {
    const value = filters[key];
    if (value === null || value === NO_FILTERS[key]) next.delete(name);
    else next.set(name, String(value));
  }
  return next;
}

function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/** The `influencerMap` arguments for the filters. */
export function mapVariables(filters: MapFilters): MapGraphQueryVariables {
  return {
    first: filters.first,
    topic: filters.topic,
    communityId: filters.communityId,
    platform: filters.platform,
    since: filters.since && `${filters.since}T00:00:00Z`,
    until: filters.until && `${nextDay(filters.until)}T00:00:00Z`,
  };
}

/** Whether anything but the size narrows the map. */
export function narrowed(filters: MapFilters): boolean {
  return (Object.keys(PARAMS) as (keyof MapFilters)[]).some(
    (key) => key !== "first" && filters[key] !== null,
  );
}
