// A person as people recognise them: their name, else their first handle, and a badge when
// the account is the brand's own or an employee's (in every view that names people). Names
// are hostile input: shown as text, isolated (<bdi>) so that a right-to-left override in one
// cannot turn the text around it.
import { Link } from "react-router";
import type { PersonLabelFragment } from "../gql/graphql";
import { AffiliationBadge } from "./Badges";

export function personLabel(person: PersonLabelFragment): string {
  const account = person.accounts[0];
  return person.displayName?.trim() || (account ? `@${account.handle}` : person.id);
}

export function PersonName({ person, link = true }: { person: PersonLabelFragment; link?: boolean }) {
  const name = <bdi>{personLabel(person)}</bdi>;
  const shown = link ? <Link to={`/people/${encodeURIComponent(person.id)}`}>{name}</Link> : name;
  if (!person.affiliation) return shown;
  return (
    <>
      {shown} <AffiliationBadge affiliation={person.affiliation} />
    </>
  );
}

/** A handle as written on its platform, isolated like a name. */
export function Handle({ platform, handle }: { platform: string; handle: string }) {
  return (
    <span className="handle">
      <bdi>@{handle}</bdi> <span className="platform">{platform}</span>
    </span>
  );
}
