// /map, the landing page: the influencer map, its filters in the URL (a filtered map is a
// link to share), as a picture or as a table.
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { Page } from "../../components/Page";
import { useCommunityRanks } from "../../components/community/ranks";
import { parseFilters, withFilters, type MapFilters } from "./filters";
import { InfluencerMap, type MapView } from "./InfluencerMap";
import { MapFilterForm } from "./MapFilterForm";

export function Component() {
  const { t } = useTranslation("map");
  const [params, setParams] = useSearchParams();
  const filters = parseFilters(params);
  const view: MapView = params.get("view") === "table" ? "table" : "map";
  const ranks = useCommunityRanks();

  const apply = (next: MapFilters) => setParams(withFilters(params, next));
  const show = (next: MapView) => {
    const changed = new URLSearchParams(params);
    if (next === "table") changed.set("view", "table");
    else changed.delete("view");
    setParams(changed, { replace: true });
  };

  return (
    <Page title={t("title")} intro={t("intro")}>
      <MapFilterForm filters={filters} ranks={ranks} onApply={apply} />
      <InfluencerMap
        filters={filters}
        view={view}
        onView={show}
        onCommunity={(communityId) => apply({ ...filters, communityId })}
      />
    </Page>
  );
}
