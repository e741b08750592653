// The map as a table, for keyboards and screen readers: the same people, sortable, each
// with a link to their page and their ties on the map listed.
import { memo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useFormat } from "../../lib/format";
import { CommunityLink } from "../../components/community/CommunityLink";
import type { CommunityRanks } from "../../components/community/ranks";
import { tiesOf, type MapGraph } from "./graph";
import {
  firstDirection,
  personRows,
  sortRows,
  type SortDirection,
  type SortKey,
} from "./tableRows";

const COLUMNS: readonly { key: SortKey; number: boolean }[] = [
  { key: "label", number: false },
  { key: "score", number: true },
  { key: "community", number: false },
  { key: "ties", number: true },
];

// Memoised: the map redraws its highlight on every hover; the table need not.
export const MapTable = memo(function MapTable({
  graph,
  ranks,
}: {
  graph: MapGraph;
  ranks: CommunityRanks;
}) {
  const { t, i18n } = useTranslation("map");
  const format = useFormat();
  const [sort, setSort] = useState<{ key: SortKey; direction: SortDirection }>({
    key: "score",
    direction: "descending",
  });
  const rows = sortRows(personRows(graph, ranks), sort.key, sort.direction, i18n.language);

  function sortBy(key: SortKey) {
    setSort((current) =>
      current.key === key
        ? { key, direction: current.direction === "ascending" ? "descending" : "ascending" }
        : { key, direction: firstDirection(key) },
    );
  }

  return (
    <div className="map-table">
      <table>
        <caption>
          {t("table.caption", { count: rows.length, n: format.number(rows.length) })}
          <span className="hint"> {t("table.sortHint")}</span>
        </caption>
        <thead>
          <tr>
            {COLUMNS.map(({ key, number }) => (
              <th
                key={key}
                scope="col"
                className={number ? "number" : undefined}
                aria-sort={sort.key === key ? sort.direction : undefined}
              >
                <button type="button" className="sort" onClick={() => sortBy(key)}>
                  {t(`table.column.${key}`)}
                  <span aria-hidden="true" className="sort-mark">
                    {sort.key !== key ? "" : sort.direction === "ascending" ? " ▲" : " ▼"}
                  </span>
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const ties = tiesOf(graph, row.id);
            return (
              <tr key={row.id} data-person={row.id} data-ties={ties.length}>
                <th scope="row">
                  <Link to={`/people/${encodeURIComponent(row.id)}`}>
                    <bdi>{row.label}</bdi>
                  </Link>
                </th>
                <td className="number">{format.number(row.score, 2)}</td>
                <td>
                  <CommunityLink id={row.community} ranks={ranks} />
                </td>
                <td className="number">
                  {ties.length === 0 ? (
                    format.number(0)
                  ) : (
                    <details>
                      <summary>
                        {format.number(ties.length)}
                        <span className="visually-hidden">
                          {" "}
                          {t("table.tiesOf", { name: row.label })}
                        </span>
                      </summary>
                      <ul className="tie-list">
                        {ties.map((tie) => (
                          <li key={tie.other}>
                            <Link to={`/people/${encodeURIComponent(tie.other)}`}>
                              <bdi>{graph.getNodeAttribute(tie.other, "label")}</bdi>
                            </Link>{" "}
                            <span className="hint">
                              {t("chosen.tie", {
                                weight: format.number(tie.weight, 1),
                                count: tie.interactions,
                                n: format.number(tie.interactions),
                              })}
                            </span>
                          </li>
                        ))}
                      </ul>
                    </details>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
});
