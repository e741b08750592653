// Who the person talks with most (both ways, as the rankings weigh it), and how they are
// connected to anyone else.
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useQuery } from "urql";
import { PersonName } from "../../components/PersonName";
import { Empty, ErrorNote, Loading } from "../../components/QueryState";
import { PersonViewPathDocument, type PersonLabelFragment } from "../../gql/graphql";
import { useFormat } from "../../lib/format";
import { PersonPicker } from "./PersonPicker";
import { PersonSentence } from "./PersonSentence";
import type { PersonView } from "./route";

const HOPS = [2, 3, 4, 5, 6] as const;
const DEFAULT_HOPS = 3;

export function TiesSection({ person }: { person: PersonView }) {
  const { t } = useTranslation("person");
  const format = useFormat();
  const ties = person.interactsWith;
  return (
    <section className="panel person-section" aria-labelledby="person-ties">
      <h2 id="person-ties">{t("ties.title")}</h2>
      {ties.length === 0 ? (
        <Empty>{t("ties.none")}</Empty>
      ) : (
        <table className="ties-table">
          <caption className="visually-hidden">{t("ties.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("ties.person")}</th>
              <th scope="col" className="number">
                {t("ties.interactions")}
              </th>
              <th scope="col" className="number">
                {t("ties.weight")}
              </th>
              <th scope="col" className="number">
                {t("ties.outgoing")}
              </th>
              <th scope="col" className="number">
                {t("ties.incoming")}
              </th>
            </tr>
          </thead>
          <tbody>
            {ties.map((tie) => (
              <tr key={tie.person.id}>
                <th scope="row">
                  <PersonName person={tie.person} />
                </th>
                <td className="number">{format.number(tie.interactions)}</td>
                <td className="number">{format.number(tie.weight, 2)}</td>
                <td className="number">{format.number(tie.outgoing, 2)}</td>
                <td className="number">{format.number(tie.incoming, 2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="hint">{t("ties.about")}</p>
      <ConnectionFinder person={person} />
    </section>
  );
}

function ConnectionFinder({ person }: { person: PersonView }) {
  const { t } = useTranslation("person");
  const hopsField = useId();
  const [target, setTarget] = useState<PersonLabelFragment | null>(null);
  const [maxHops, setMaxHops] = useState<number>(DEFAULT_HOPS);
  return (
    <details className="connection-finder">
      <summary>
        <PersonSentence i18nKey="path.title" person={person} link={false} />
      </summary>
      <PersonPicker label={t("path.to")} name="path-to" exclude={person.id} onPick={setTarget} />
      <div className="field-inline">
        <label htmlFor={hopsField}>{t("path.maxHops")}</label>
        <select
          id={hopsField}
          value={maxHops}
          onChange={(event) => setMaxHops(Number(event.target.value))}
        >
          {HOPS.map((hops) => (
            <option key={hops} value={hops}>
              {hops}
            </option>
          ))}
        </select>
      </div>
      {target && <ConnectionPath from={person} to={target} maxHops={maxHops} />}
    </details>
  );
}

function ConnectionPath({
  from,
  to,
  maxHops,
}: {
  from: PersonLabelFragment;
  to: PersonLabelFragment;
  maxHops: number;
}) {
  const { t } = useTranslation("person");
  const format = useFormat();
  const [{ data, error, fetching }] = useQuery({
    query: PersonViewPathDocument,
    variables: { from: from.id, to: to.id, maxHops },
  });
  if (error) return <ErrorNote error={error} />;
  if (!data) return fetching ? <Loading /> : null;
  const path = data.connectionPath;
  return (
    <div className="connection-path" aria-live="polite">
      {path ? (
        <>
          <p>{t("path.found", { count: path.hops, n: format.number(path.hops) })}</p>
          <ol>
            <li>
              <PersonName person={from} />
            </li>
            {path.steps.map((step) => (
              <li key={step.person.id}>
                <span className="path-weight">
                  {t("path.tie", { weight: format.number(step.weight, 2) })}
                </span>{" "}
                <PersonName person={step.person} />
              </li>
            ))}
          </ol>
        </>
      ) : (
        <p>{t("path.none", { count: maxHops, n: format.number(maxHops) })}</p>
      )}
    </div>
  );
}
