// What the advocates view keeps in its URL, so that a chosen class or a shortlist can be
// shared and bookmarked: `?class=potential-advocate`, and for the shortlist
// `?view=shortlist&size=10&customers=1&perCommunity=2` (size present: computed on opening).
import type { AdvocacyClass } from "../../gql/graphql";

/** The classes in the order a programme lead works through them. */
export const CLASSES: readonly AdvocacyClass[] = [
  "POTENTIAL_ADVOCATE",
  "ADVOCATE",
  "AT_RISK_INFLUENCER",
  "DETRACTOR",
  "NEUTRAL",
  "UNKNOWN",
];

/** A class as written in the URL: `AT_RISK_INFLUENCER` is `at-risk-influencer`. */
export function classParam(advocacyClass: AdvocacyClass): string {
  return advocacyClass.toLowerCase().replaceAll("_", "-");
}

/** The class a URL value names; null (every class) for none or one not known. */
export function classFromParam(value: string | null): AdvocacyClass | null {
  return CLASSES.find((known) => classParam(known) === value) ?? null;
}

export interface ShortlistConstraints {
  /** How many ambassadors, 1 to MAX_SIZE. */
  size: number;
  customersOnly: boolean;
  /** At most this many from any one community; null for no limit. */
  maxPerCommunity: number | null;
}

/** The API's bound on `ambassadorShortlist(size)`. */
export const MAX_SIZE = 50;

export const DEFAULT_CONSTRAINTS: ShortlistConstraints = {
  size: 10,
  customersOnly: false,
  maxPerCommunity: null,
};

const SIZE = "size";
const CUSTOMERS = "customers";
const PER_COMMUNITY = "perCommunity";

/** A whole number within [low, high], or null for anything else. */
function whole(value: string | null, low: number, high: number): number | null {
  if (value === null || !/^\d+$/.test(value.trim())) return null;
  const number = Number(value);
  return number >= low && number <= high ? number : null;
}

/** The constraints a URL asks a shortlist for; null when it asks for none yet. Values out
 * of bounds fall back to the defaults rather than failing the request. */
export function constraintsFromParams(params: URLSearchParams): ShortlistConstraints | null {
  if (!params.has(SIZE)) return null;
  return {
    size: whole(params.get(SIZE), 1, MAX_SIZE) ?? DEFAULT_CONSTRAINTS.size,
    customersOnly: params.get(CUSTOMERS) === "1",
    maxPerCommunity: whole(params.get(PER_COMMUNITY), 1, MAX_SIZE),
  };
}

/** ``params`` with the shortlist's constraints set (the other parameters kept). */
export function withConstraints(
  params: URLSearchParams,
  constraints: ShortlistConstraints,
): URLSearchParams {
  const next = new URLSearchParams(params);
  next.set(SIZE, String(constraints.size));
  if (constraints.customersOnly) next.set(CUSTOMERS, "1");
  else next.delete(CUSTOMERS);
  if (constraints.maxPerCommunity === null) next.delete(PER_COMMUNITY);
  else next.set(PER_COMMUNITY, String(constraints.maxPerCommunity));
  return next;
}

/** The constraints a submitted shortlist form holds (its fields are bounded, but typed text
 * is checked again here). */
export function constraintsFromForm(data: FormData): ShortlistConstraints {
  const text = (name: string) => {
    const value = data.get(name);
    return typeof value === "string" ? value : null;
  };
  return {
    size: whole(text(SIZE), 1, MAX_SIZE) ?? DEFAULT_CONSTRAINTS.size,
    customersOnly: text(CUSTOMERS) === "1",
    maxPerCommunity: whole(text(PER_COMMUNITY), 1, MAX_SIZE),
  };
}

export const FIELDS = { size: SIZE, customers: CUSTOMERS, perCommunity: PER_COMMUNITY } as const;
