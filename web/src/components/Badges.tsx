// A person's advocacy class and programme status, as badges that read the same everywhere.
import { useTranslation } from "react-i18next";
import type { AdvocacyClass, AdvocateStatus } from "../gql/graphql";

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
