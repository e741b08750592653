// Choosing another person by name or handle: a search, then one of the people found. It
// is no form of its own, so that it can sit inside one (the merge) or stand alone.
import { useId, useState, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { useQuery } from "urql";
import { Handle, PersonName } from "../../components/PersonName";
import { Empty, ErrorNote, Loading } from "../../components/QueryState";
import { PersonViewPickDocument, type PersonLabelFragment } from "../../gql/graphql";

const FOUND = 8;
const MIN_SEARCH = 2;

export function PersonPicker({
  label,
  name,
  exclude,
  onPick,
}: {
  label: string;
  /** The chosen person's id travels in the enclosing form under this name. */
  name: string;
  /** Who cannot be chosen (the person the page is about). */
  exclude: string;
  onPick(person: PersonLabelFragment | null): void;
}) {
  const { t } = useTranslation("person");
  const field = useId();
  const [typed, setTyped] = useState("");
  const [search, setSearch] = useState("");
  const [{ data, error, fetching }] = useQuery({
    query: PersonViewPickDocument,
    variables: { search, first: FOUND + 1 },
    pause: search.length < MIN_SEARCH,
  });
  const found = (data?.people.edges ?? []).map((edge) => edge.node).filter((p) => p.id !== exclude);

  function find() {
    onPick(null);
    setSearch(typed.trim());
  }

  function enter(event: KeyboardEvent<HTMLInputElement>) {
    // Enter searches here rather than submitting the form around the picker.
    if (event.key === "Enter") {
      event.preventDefault();
      find();
    }
  }

  return (
    <fieldset className="person-picker">
      <legend>{label}</legend>
      <div className="picker-search">
        <label htmlFor={field}>{t("picker.search")}</label>
        <input
          id={field}
          type="search"
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
          onKeyDown={enter}
          autoComplete="off"
        />
        <button type="button" onClick={find} disabled={typed.trim().length < MIN_SEARCH}>
          {t("picker.find")}
        </button>
      </div>
      {error && <ErrorNote error={error} />}
      {fetching && <Loading />}
      {data && found.length === 0 && <Empty>{t("picker.none")}</Empty>}
      {found.length > 0 && (
        <ul className="picker-results" aria-label={t("picker.results")}>
          {found.slice(0, FOUND).map((person) => (
            <li key={person.id}>
              <label>
                <input
                  type="radio"
                  name={name}
                  value={person.id}
                  required
                  onChange={() => onPick(person)}
                />{" "}
                <PersonName person={person} link={false} />{" "}
                {person.accounts.map((account) => (
                  <Handle key={`${account.platform}:${account.handle}`} {...account} />
                ))}
              </label>
            </li>
          ))}
        </ul>
      )}
      {found.length > FOUND && <p className="hint">{t("picker.more")}</p>}
    </fieldset>
  );
}
