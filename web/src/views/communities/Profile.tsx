// What a community is, as its card and its page show it: its size and tone, what it talks
// about, who leads it and where it talks. Topics, names and venues come from social
// platforms: shown as text, isolated.
import { useTranslation } from "react-i18next";
import { PersonName } from "../../components/PersonName";
import { SentimentBadge } from "../../components/Sentiment";
import type { CommunityProfileFragment } from "../../gql/graphql";
import { useFormat } from "../../lib/format";
import { toneOf } from "./tone";
import { topicLabel } from "../../lib/topics";

/** `platform:venue` as the venue and its platform. */
export function ChannelName({ id }: { id: string }) {
  const split = id.indexOf(":");
  const [platform, venue] = split < 0 ? ["", id] : [id.slice(0, split), id.slice(split + 1)];
  return (
    <span className="handle">
      <bdi>{venue}</bdi> {platform && <span className="platform">{platform}</span>}
    </span>
  );
}

export function CommunityProfile({
  community,
  voices = 5,
}: {
  community: CommunityProfileFragment;
  /** How many top voices to list. */
  voices?: number;
}) {
  const { t } = useTranslation("communities");
  const format = useFormat();
  const sentiment = community.averageSentiment;
  return (
    <dl className="community-profile">
      <div>
        <dt>{t("profile.size")}</dt>
        <dd>{t("profile.members", { count: community.size, n: format.number(community.size) })}</dd>
      </div>
      <div>
        <dt>{t("profile.sentiment")}</dt>
        <dd>
          {sentiment == null ? (
            t("profile.noSentiment")
          ) : (
            <SentimentBadge label={toneOf(sentiment)} score={sentiment} />
          )}
        </dd>
      </div>
      <div>
        <dt>{t("profile.topics")}</dt>
        <dd>
          {community.topTopics.length === 0 ? (
            t("profile.none")
          ) : (
            <ul className="chips">
              {community.topTopics.map((topic) => (
                <li key={topic} className="badge">
                  <bdi>{topicLabel(topic)}</bdi>
                </li>
              ))}
            </ul>
          )}
        </dd>
      </div>
      <div>
        <dt>{t("profile.voices")}</dt>
        <dd>
          {community.topVoices.length === 0 ? (
            t("profile.none")
          ) : (
            <ul className="inline-list">
              {community.topVoices.slice(0, voices).map((person) => (
                <li key={person.id}>
                  <PersonName person={person} />
                </li>
              ))}
            </ul>
          )}
        </dd>
      </div>
      <div>
        <dt>{t("profile.channels")}</dt>
        <dd>
          {community.mainChannels.length === 0 ? (
            t("profile.none")
          ) : (
            <ul className="inline-list">
              {community.mainChannels.map((channel) => (
                <li key={channel}>
                  <ChannelName id={channel} />
                </li>
              ))}
            </ul>
          )}
        </dd>
      </div>
    </dl>
  );
}
