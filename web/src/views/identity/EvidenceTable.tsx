// Why a link was proposed: each signal explained, what was found, and its weight.
import { useTranslation } from "react-i18next";
import type { IdentityLinkKind } from "../../gql/graphql";
import { useFormat } from "../../lib/format";
import { evidenceRows, explanationKey, type Signal } from "./evidence";

/** How weights combine, said once for every table on the page (each refers to it). */
export function WeightsHint({ id }: { id: string }) {
  const { t } = useTranslation("identity");
  return (
    <p id={id} className="hint">
      {t("evidence.weightHint")}
    </p>
  );
}

export function EvidenceTable({
  kind,
  evidence,
  hintId,
}: {
  kind: IdentityLinkKind;
  evidence: readonly Signal[];
  hintId: string;
}) {
  const { t } = useTranslation("identity");
  const format = useFormat();
  return (
    <table className="evidence-table" aria-describedby={hintId}>
      <caption>{t("evidence.caption")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("evidence.signal")}</th>
          <th scope="col">{t("evidence.found")}</th>
          <th scope="col" className="number">
            {t("evidence.weight")}
          </th>
        </tr>
      </thead>
      <tbody>
        {evidenceRows(evidence).map((row, index) => (
          <tr key={`${row.kind}:${index}`}>
            <th scope="row">{t(explanationKey(kind, row.kind))}</th>
            <td>
              <bdi>{row.detail}</bdi>
            </td>
            <td className="number">
              {format.percent(row.weight)}
              {row.countedWithName && (
                <span className="counted-once"> ({t("evidence.countedOnce")})</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
