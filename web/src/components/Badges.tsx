// A person's advocacy class, programme status and affiliation to the brand, as badges that
// read the same everywhere.
import { useTranslation } from "react-i18next";
import type { AdvocacyClass, AdvocateStatus, Affiliation } from "../gql/graphql";

export function ClassBadge({ advocacyClass }: { advocacyClass: AdvocacyClass }) {
  const { t } = useTranslation("common");
  return (
    <span className={`badge class-${advocacyClass.toLowerCase()}`}>
      {t(`advocacyClass.${advocacyClass}`)}
    </span>
  );
}

export function StatusBadge({ status }: { status: AdvocateStatus }) {
  const { t } = useTranslation("common");
  return (
    <span className={`badge status-${status.toLowerCase()}`}>{t(`programmeStatus.${status}`)}</span>
  );
}

/** The brand's own account or an employee's: kept out of the rankings. */
export function AffiliationBadge({ affiliation }: { affiliation: Affiliation }) {
  const { t } = useTranslation("common");
  return (
    <span className={`badge affiliation-${affiliation.toLowerCase()}`}>
      {t(`affiliation.${affiliation}`)}
    </span>
  );
}
