// The advocacy programme as the views show it: the board's columns in the order people move
// through them, the moves offered, who the shortlist may invite, and what a card says about
// the move that put a person in their column.
import type { OperationContext } from "urql";
import type { AdvocateStatus } from "../../gql/graphql";
import { parseActor } from "../../lib/actor";
import { STATUSES } from "../../lib/programme";

/** A change of status answers with a ProgrammeStep: urql's document cache refetches every
 * query whose result holds that type, and queries showing statuses ask to be among them even
 * when their result holds none (an empty column, people outside the programme). */
export const REFRESH_ON_PROGRAMME_CHANGE: Partial<OperationContext> = {
  additionalTypenames: ["ProgrammeStep"],
};

/** The statuses a person in ``status`` can be moved to (any other). */
export function movesFrom(status: AdvocateStatus | null | undefined): AdvocateStatus[] {
  return STATUSES.filter((other) => other !== status);
}

/** Whether inviting someone from the shortlist makes sense: not for people already invited,
 * active, paused or who declined (moving them is a decision for the board). */
export function invitable(status: AdvocateStatus | null | undefined): boolean {
  return status == null || status === "CANDIDATE";
}

export interface Step {
  status: AdvocateStatus;
  note: string | null;
  actor: string;
  at: string;
}

export interface CardFacts {
  /** When they entered their current status. */
  since: string;
  /** The note of the move into it, if any. */
  note: string | null;
  /** Who moved them there: the key's name (the API records `key:ID (NAME)`). */
  movedBy: string | null;
}

/** What a card shows about the move that put a person in their column (the history is
 * oldest first). */
export function cardFacts(programme: {
  updatedAt: string;
  note: string | null;
  history: readonly Step[];
}): CardFacts {
  const latest = programme.history.at(-1);
  return {
    since: programme.updatedAt,
    note: programme.note?.trim() || null,
    movedBy: latest ? parseActor(latest.actor).name : null,
  };
}
