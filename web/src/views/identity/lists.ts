// The lists of identity links: by status, kind and order.
import type { IdentityLinkKind, IdentityLinkOrder, IdentityLinkStatus } from "../../gql/graphql";

export const STATUSES: readonly IdentityLinkStatus[] = ["PROPOSED", "APPLIED", "REJECTED"];
export const KINDS: readonly IdentityLinkKind[] = ["PERSON_CUSTOMER", "PERSON_PERSON"];

/** To review: the surest first. Decided: the latest decision first, as an audit trail reads
 * (and where a decision just taken is found to be undone). */
export function listOrder(status: IdentityLinkStatus): IdentityLinkOrder {
  return status === "PROPOSED" ? "CONFIDENCE" : "LATEST_DECISION";
}
