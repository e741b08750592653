// Status, overdue and owner filters; each change rewrites the URL (the function is a tab)
// and lets the new list's most urgent conversation be the one shown.
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { withParam } from "../../components/FilterTabs";
import { useSession } from "../../auth/ViewerContext";
import { STATUSES, type QueueFilters } from "./filters";

export function QueueFiltersBar({ filters }: { filters: QueueFilters }) {
  const { t } = useTranslation("queue");
  const { viewer } = useSession();
  const [params, setParams] = useSearchParams();
  const ids = { status: useId(), overdue: useId(), owner: useId(), hint: useId() };
  const set = (param: string, value: string | null) =>
    setParams(new URLSearchParams(withParam(params, param, value, ["conversation"])));

  return (
    <div className="queue-filters" role="group" aria-label={t("filters.label")}>
      <div className="filter">
        <label htmlFor={ids.status}>{t("filters.status")}</label>
        <select
          id={ids.status}
          value={filters.status}
          disabled={filters.overdue}
          aria-describedby={filters.overdue ? ids.hint : undefined}
          onChange={(event) =>
            set("status", event.target.value === "OPEN" ? null : event.target.value)
          }
        >
          {STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(`status.${status}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="filter checkbox">
        <input
          id={ids.overdue}
          type="checkbox"
          checked={filters.overdue}
          onChange={(event) => set("overdue", event.target.checked ? "1" : null)}
        />
        <label htmlFor={ids.overdue}>{t("filters.overdue")}</label>
      </div>
      <div className="filter">
        <label htmlFor={ids.owner}>{t("filters.owner")}</label>
        <select
          id={ids.owner}
          value={filters.mine ? "mine" : ""}
          onChange={(event) => set("owner", event.target.value || null)}
        >
          <option value="">{t("filters.anyone")}</option>
          <option value="mine">{t("filters.mine", { name: viewer.name })}</option>
        </select>
      </div>
      {filters.overdue && (
        <p id={ids.hint} className="hint">
          {t("filters.overdueNeedsOpen")}
        </p>
      )}
    </div>
  );
}
