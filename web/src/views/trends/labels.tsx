// How the review names what it compares: channels by venue and platform, communities by
// their rank (as the map colours them) and what they talk about. Venues and topics come
// from social platforms: shown as text, isolated.
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { TrendsReviewQuery } from "../../gql/graphql";
import { communityName } from "../../components/community/ranks";
import { useFormat } from "../../lib/format";
import { topicLabel } from "../../lib/topics";

export type ChannelInfo = TrendsReviewQuery["channels"][number];
export type CommunityInfo = TrendsReviewQuery["communities"][number];

export function ChannelName({ id, channel }: { id: string; channel: ChannelInfo | undefined }) {
  if (!channel) return <bdi>{id}</bdi>;
  return (
    <span className="handle">
      <bdi>{channel.venue}</bdi> <span className="platform">{channel.platform}</span>
    </span>
  );
}

/** "Community 3", by the community's rank among the communities, largest first (as the
 * map and the community pages name it). */
export function useCommunityName(communities: readonly CommunityInfo[]): (id: string) => string {
  const { t } = useTranslation("communities");
  const ranks = new Map(communities.map((community, rank) => [community.id, rank]));
  return (id) => communityName(t, id, ranks.get(id));
}

export function CommunityName({
  id,
  community,
  name,
}: {
  id: string;
  community: CommunityInfo | undefined;
  name: string;
}) {
  const { t } = useTranslation("trends");
  return (
    <>
      <Link to={`/communities/${encodeURIComponent(id)}`}>{name}</Link>
      {community && community.topTopics.length > 0 && (
        <span className="review-aside">
          {" "}
          {t("community.about")}{" "}
          {community.topTopics.slice(0, 3).map((topic, index) => (
            <span key={topic}>
              {index > 0 && ", "}
              <bdi>{topicLabel(topic)}</bdi>
            </span>
          ))}
        </span>
      )}
    </>
  );
}

/** A relative change with its sign ("+50%"), or "new" when there was nothing before. */
export function Growth({ growth, posts }: { growth: number | null; posts: number }) {
  const { t } = useTranslation("trends");
  const format = useFormat();
  if (growth === null) return <>{posts > 0 ? t("growth.new") : "–"}</>;
  return (
    <>
      {growth > 0 ? "+" : ""}
      {format.percent(growth)}
    </>
  );
}
