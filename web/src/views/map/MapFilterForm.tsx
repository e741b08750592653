// The map's filters: how many people, a topic, a community, a platform and a window of days.
// The choices from a list apply at once; typed ones (a topic, days) when the form is sent.
import { useId, useMemo, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useQuery } from "urql";
import { MapPlatformsDocument } from "../../gql/graphql";
import { useFormat } from "../../lib/format";
import { communityName, type CommunityRanks } from "../../components/community/ranks";
import { NO_FILTERS, PEOPLE_CHOICES, narrowed, parseFilters, type MapFilters } from "./filters";

/** Each community's top topics, for the topic field's suggestions. */
function topicSuggestions(ranks: CommunityRanks | null): string[] {
  return [...new Set([...(ranks?.values() ?? [])].flatMap((c) => c.topTopics))].sort();
}

export function MapFilterForm({
  filters,
  ranks,
  onApply,
}: {
  filters: MapFilters;
  ranks: CommunityRanks | null;
  onApply(filters: MapFilters): void;
}) {
  const { t } = useTranslation("map");
  const { t: tc } = useTranslation("communities");
  const format = useFormat();
  const id = useId();
  const [{ data: channels }] = useQuery({ query: MapPlatformsDocument });
  const platforms = useMemo(() => {
    const known = (channels?.channels ?? []).map((channel) => channel.platform);
    return [...new Set(filters.platform ? [...known, filters.platform] : known)].sort();
  }, [channels, filters.platform]);
  const sizes = [...new Set([...PEOPLE_CHOICES, filters.first])].sort((a, b) => a - b);
  const communities = [...(ranks?.values() ?? [])];

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const params = new URLSearchParams();
    for (const [name, value] of form) if (typeof value === "string") params.set(name, value);
    onApply(parseFilters(params));
  }

  const applyNow = (event: { currentTarget: HTMLSelectElement }) =>
    event.currentTarget.form?.requestSubmit();

  return (
    <form
      className="map-filters"
      onSubmit={submit}
      aria-label={t("filters.label")}
      // Fields start from the URL: going back or following a link resets them.
      key={JSON.stringify(filters)}
    >
      <div className="field">
        <label htmlFor={`${id}-first`}>{t("filters.first")}</label>
        <select id={`${id}-first`} name="first" defaultValue={filters.first} onChange={applyNow}>
          {sizes.map((size) => (
            <option key={size} value={size}>
              {t("filters.people", { count: size, n: format.number(size) })}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-community`}>{t("filters.community")}</label>
        <select
          id={`${id}-community`}
          name="community"
          defaultValue={filters.communityId ?? ""}
          onChange={applyNow}
        >
          <option value="">{t("filters.allCommunities")}</option>
          {filters.communityId !== null && !ranks?.has(filters.communityId) && (
            <option value={filters.communityId}>
              {communityName(tc, filters.communityId, undefined)}
            </option>
          )}
          {communities.map((community) => (
            <option key={community.id} value={community.id}>
              {t("filters.communityOption", {
                name: communityName(tc, community.id, community.rank),
                size: format.number(community.size),
                topics: community.topTopics.slice(0, 3).join(", "),
              })}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-platform`}>{t("filters.platform")}</label>
        <select
          id={`${id}-platform`}
          name="platform"
          defaultValue={filters.platform ?? ""}
          onChange={applyNow}
        >
          <option value="">{t("filters.allPlatforms")}</option>
          {platforms.map((platform) => (
            <option key={platform} value={platform}>
              {platform}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-topic`}>{t("filters.topic")}</label>
        <input
          id={`${id}-topic`}
          name="topic"
          type="text"
          list={`${id}-topics`}
          defaultValue={filters.topic ?? ""}
          placeholder={t("filters.topicPlaceholder")}
          autoComplete="off"
        />
        <datalist id={`${id}-topics`}>
          {topicSuggestions(ranks).map((topic) => (
            <option key={topic} value={topic} />
          ))}
        </datalist>
      </div>
      <div className="field">
        <label htmlFor={`${id}-since`}>{t("filters.since")}</label>
        <input id={`${id}-since`} name="since" type="date" defaultValue={filters.since ?? ""} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-until`}>{t("filters.until")}</label>
        <input id={`${id}-until`} name="until" type="date" defaultValue={filters.until ?? ""} />
      </div>
      <div className="field actions">
        <button type="submit" className="primary">
          {t("filters.apply")}
        </button>
        {narrowed(filters) && (
          <button type="button" onClick={() => onApply({ ...NO_FILTERS, first: filters.first })}>
            {t("filters.clear")}
          </button>
        )}
      </div>
    </form>
  );
}
