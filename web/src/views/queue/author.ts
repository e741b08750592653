// Who is asking: the facts about a post's author that routing weighs (how influential,
// customer or not, how valuable), read from the person's scores and customer links.
import type { QueueAuthorFragment } from "../../gql/graphql";

/** The author's influence percentile (0 to 1: the share of people ranked below them), as the
 * last ranking's advocacy score records it; null before a ranking. */
export function influencePercentile(author: Pick<QueueAuthorFragment, "scores">): number | null {
  const advocacy = author.scores.find((score) => score.name === "advocacy");
  return advocacy?.factors.find((factor) => factor.name === "influence")?.value ?? null;
}

/** Influential enough to stand out in the queue (the alerts' threshold). */
export const INFLUENTIAL = 0.8;

export interface CustomerStanding {
  customer: boolean;
  /** The highest lifetime value among the customers linked, if any is known. */
  lifetimeValue: number | null;
}

export function customerStanding(author: Pick<QueueAuthorFragment, "customers">): CustomerStanding {
  const values = author.customers.flatMap((link) =>
    link.customer?.lifetimeValue != null ? [link.customer.lifetimeValue] : [],
  );
  return {
    customer: author.customers.length > 0,
    lifetimeValue: values.length > 0 ? Math.max(...values) : null,
  };
}
