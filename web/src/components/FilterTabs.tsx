// One choice among a few (a business function, a link's status) as links that change one
// parameter of the URL: the choice can be shared and bookmarked, and the back button undoes it.
import type { ReactNode } from "react";
import { Link, useSearchParams } from "react-router";
import "./controls.css";

export interface FilterTab {
  /** The parameter's value; null for the tab that leaves it out (the default). */
  value: string | null;
  label: ReactNode;
}

/** The URL parameter's value when it is one of ``allowed``, else null (a hand-edited URL
 * never reaches the API with a value it would refuse). */
export function paramChoice<T extends string>(
  params: URLSearchParams,
  param: string,
  allowed: readonly T[],
): T | null {
  const value = params.get(param);
  return allowed.find((item) => item === value) ?? null;
}

/** The search string with ``param`` set to ``value`` (removed when null), and the parameters
 * in ``reset`` (a selection, a page) removed: they belonged to the previous choice. */
export function withParam(
  params: URLSearchParams,
  param: string,
  value: string | null,
  reset: readonly string[] = [],
): string {
  const next = new URLSearchParams(params);
  for (const name of reset) next.delete(name);
  if (value === null) next.delete(param);
  else next.set(param, value);
  const search = next.toString();
  return search ? `?${search}` : "";
}

export function FilterTabs({
  label,
  param,
  tabs,
  reset = [],
}: {
  label: string;
  param: string;
  tabs: readonly FilterTab[];
  reset?: readonly string[];
}) {
  const [params] = useSearchParams();
  const current = params.get(param);
  return (
    <nav className="filter-tabs" aria-label={label}>
      <ul>
        {tabs.map((tab) => (
          <li key={tab.value ?? ""}>
            <Link
              to={{ search: withParam(params, param, tab.value, reset) }}
              aria-current={tab.value === current ? "page" : undefined}
            >
              {tab.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
