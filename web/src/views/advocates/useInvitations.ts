// Inviting shortlisted people into the programme (status INVITED, with a note): one at a
// time, in order, so the programme's history reads as the invitations went out and a
// refusal stops the rest. The statuses set here show at once, without recomputing the
// shortlist.
import { useState } from "react";
import { useMutation, type CombinedError } from "urql";
import { AdvocatesInviteDocument, type AdvocateStatus } from "../../gql/graphql";

export interface Invitations {
  /** The status set here for a person, if any. */
  statusSet(personId: string): AdvocateStatus | undefined;
  /** People whose invitation is on its way. */
  pending: ReadonlySet<string>;
  /** How many of the last batch went out. */
  sent: number;
  error: CombinedError | undefined;
  invite(personIds: readonly string[], note: string): Promise<void>;
}

export function useInvitations(): Invitations {
  const [, setStatus] = useMutation(AdvocatesInviteDocument);
  const [set, setSet] = useState<ReadonlyMap<string, AdvocateStatus>>(new Map());
  const [pending, setPending] = useState<ReadonlySet<string>>(new Set());
  const [sent, setSent] = useState(0);
  const [error, setError] = useState<CombinedError | undefined>();

  async function invite(personIds: readonly string[], note: string) {
    setError(undefined);
    setSent(0);
    setPending(new Set(personIds));
    for (const personId of personIds) {
      const result = await setStatus({ personId, note: note.trim() || null });
      const step = result.data?.setAdvocateStatus;
      if (!step) {
        setError(result.error);
        break;
      }
      setSet((before) => new Map(before).set(personId, step.status));
      setSent((before) => before + 1);
      setPending((before) => new Set([...before].filter((id) => id !== personId)));
    }
    setPending(new Set());
  }

  return { statusSet: (personId) => set.get(personId), pending, sent, error, invite };
}
