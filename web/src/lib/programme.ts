// The advocacy programme's statuses, as every view that shows or changes them uses them.
import type { AdvocateStatus } from "../gql/graphql";

/** The API's limit on a programme note (graph/identity/service.py). */
export const NOTE_LENGTH = 2000;

/** In the order people usually move through them. */
export const STATUSES: readonly AdvocateStatus[] = [
  "CANDIDATE",
  "INVITED",
  "ACTIVE",
  "PAUSED",
  "DECLINED",
];

/** The status a manager most likely moves someone to next, along the programme's path. */
export function nextStatus(current: AdvocateStatus | null | undefined): AdvocateStatus {
  switch (current) {
    case "CANDIDATE":
      return "INVITED";
    case "INVITED":
    case "PAUSED":
      return "ACTIVE";
    case "ACTIVE":
      return "PAUSED";
    default:
      return "CANDIDATE";
  }
}
