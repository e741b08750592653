// Find a person: among the people drawn (at once, by name or handle), and through the API
// among everyone else. Choosing someone drawn flies the map to them; choosing someone not
// drawn opens their page. A combobox (ARIA 1.2): arrows move through the list, Enter
// chooses, Escape closes.
import { useEffect, useId, useMemo, useState, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { useQuery } from "urql";
import { personLabel } from "../../components/PersonName";
import { MapPeopleSearchDocument } from "../../gql/graphql";
import { findDrawn, type MapGraph } from "./graph";

const DEBOUNCE_MS = 250;

interface Option {
  id: string;
  label: string;
  handle: string | null;
  drawn: boolean;
}

function useDebounced(value: string): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [value]);
  return settled;
}

export function MapSearch({ graph, onChoose }: { graph: MapGraph; onChoose(node: string): void }) {
  const { t } = useTranslation("map");
  const navigate = useNavigate();
  const id = useId();
  const [text, setText] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const wanted = useDebounced(text.trim());
  const [{ data }] = useQuery({
    query: MapPeopleSearchDocument,
    variables: { search: wanted },
    pause: wanted.length < 2,
  });

  const options = useMemo<Option[]>(() => {
    const drawn = findDrawn(graph, text).map((node) => {
      const attributes = graph.getNodeAttributes(node);
      return { id: node, label: attributes.label, handle: attributes.handle, drawn: true };
    });
    const others =
      wanted.length < 2
        ? []
        : (data?.people.edges ?? [])
            .filter(({ node }) => !graph.hasNode(node.id))
            .map(({ node }) => ({
              id: node.id,
              label: personLabel(node),
              handle: node.accounts[0]?.handle ?? null,
              drawn: false,
            }));
    return [...drawn, ...others];
  }, [graph, text, wanted, data]);

  const shown = open && text.trim().length > 0;

  function choose(option: Option | undefined) {
    if (option === undefined) return;
    setOpen(false);
    setActive(-1);
    if (option.drawn) onChoose(option.id);
    else void navigate(`/people/${encodeURIComponent(option.id)}`);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      setOpen(true);
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((current) => Math.min(Math.max(current + step, 0), options.length - 1));
    } else if (event.key === "Enter") {
      event.preventDefault();
      choose(options[active] ?? options[0]);
    } else if (event.key === "Escape") {
      if (shown) setOpen(false);
      else setText("");
    }
  }

  return (
    <div className="map-search">
      <label htmlFor={`${id}-input`}>{t("search.label")}</label>
      <input
        id={`${id}-input`}
        type="search"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={shown && options.length > 0}
        aria-controls={`${id}-list`}
        aria-activedescendant={shown && options[active] ? `${id}-${active}` : undefined}
        autoComplete="off"
        placeholder={t("search.placeholder")}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
      />
      <ul
        id={`${id}-list`}
        role="listbox"
        aria-label={t("search.results")}
        hidden={!shown || options.length === 0}
      >
        {options.map((option, index) => (
          <li
            key={option.id}
            id={`${id}-${index}`}
            role="option"
            aria-selected={index === active}
            className={option.drawn ? "drawn" : "elsewhere"}
            // Chosen on mouse down, before the input's blur closes the list.
            onMouseDown={(event) => {
              event.preventDefault();
              choose(option);
            }}
          >
            <bdi className="name">{option.label}</bdi>
            {option.handle && <bdi className="handle">@{option.handle}</bdi>}
            <span className="where">
              {option.drawn ? t("search.drawn") : t("search.elsewhere")}
            </span>
          </li>
        ))}
      </ul>
      <p className="visually-hidden" role="status">
        {shown && t("search.found", { count: options.length, n: options.length })}
      </p>
    </div>
  );
}
