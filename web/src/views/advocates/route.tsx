// Advocates and ambassadors: people by advocacy class, and the ambassador shortlist (chosen
// as a set that reaches the most people, beside the PageRank top-K). Each part has its own
// URL (`?view=shortlist`), with its class or constraints.
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { FilterTabs } from "../../components/FilterTabs";
import { Page } from "../../components/Page";
import { AdvocateList } from "./AdvocateList";
import { Shortlist } from "./Shortlist";
import "./advocates.css";

export function Component() {
  const { t } = useTranslation("advocates");
  const [params] = useSearchParams();
  const shortlist = params.get("view") === "shortlist";
  return (
    <Page title={t("title")} intro={t("intro")}>
      <FilterTabs
        label={t("parts")}
        param="view"
        tabs={[
          { value: null, label: t("list.title") },
          { value: "shortlist", label: t("shortlist.title") },
        ]}
      />
      {shortlist ? <Shortlist /> : <AdvocateList />}
    </Page>
  );
}
