// The evidence behind an identity link, as a reviewer reads it: strongest signal first, each
// kind explained in words, and the name's signals marked where they add nothing (the API
// counts a name once, as its strongest signal: a name shown and the same name in a handle
// are not two reasons).
import type { EvidenceKind, IdentityLinkKind } from "../../gql/graphql";

export const EVIDENCE_KINDS: readonly EvidenceKind[] = [
  "HANDLE",
  "EMAIL",
  "NAME",
  "HANDLE_NAME",
  "DISPLAY_NAME",
  "LINK",
  "CUSTOMER",
  "REVIEWER",
];

const NAME_KINDS: ReadonlySet<EvidenceKind> = new Set(["NAME", "HANDLE_NAME"]);

export interface Signal {
  kind: EvidenceKind;
  detail: string;
  weight: number;
}

export interface EvidenceRow extends Signal {
  /** A name signal weaker than another of the same link: it does not raise the confidence. */
  countedWithName: boolean;
}

export function evidenceRows(evidence: readonly Signal[]): EvidenceRow[] {
  const sorted = [...evidence].sort((a, b) => b.weight - a.weight);
  const strongestName = sorted.find((signal) => NAME_KINDS.has(signal.kind));
  return sorted.map((signal) => ({
    ...signal,
    countedWithName: NAME_KINDS.has(signal.kind) && signal !== strongestName,
  }));
}

/** The i18n key (namespace ``identity``) explaining a kind of signal: the same kind means
 * something else between a person and a customer than between two people. */
export function explanationKey(link: IdentityLinkKind, kind: EvidenceKind): string {
  return `evidence.${link === "PERSON_PERSON" ? "between" : "customer"}.${kind}`;
}
