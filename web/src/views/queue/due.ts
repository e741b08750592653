// Where a conversation stands against its first-response target, as of ``now``.
import type { ConversationStatus } from "../../gql/graphql";

export type DueState =
  | { kind: "overdue"; seconds: number }
  | { kind: "due"; seconds: number }
  | { kind: "closed" };

/** Open conversations are overdue (by how long) or due (in how long); the rest are closed. */
export function dueState(
  conversation: { status: ConversationStatus; dueAt: string },
  now: number,
): DueState {
  if (conversation.status !== "OPEN") return { kind: "closed" };
  const left = (Date.parse(conversation.dueAt) - now) / 1000;
  return left < 0 ? { kind: "overdue", seconds: -left } : { kind: "due", seconds: left };
}

/** How long someone has been waiting since they posted. */
export function waitingSeconds(receivedAt: string, now: number): number {
  return Math.max(0, (now - Date.parse(receivedAt)) / 1000);
}

/** A datetime-local field's value (the reader's local time) as the API's ISO instant; null
 * when empty or not a time. */
export function localInputToIso(value: string): string | null {
  if (!value.trim()) return null;
  const moment = new Date(value);
  return Number.isNaN(moment.getTime()) ? null : moment.toISOString();
}
