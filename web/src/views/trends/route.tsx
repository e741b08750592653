// Trends and review: the seeds' periodic review on one page — where customers are now,
// which channels grew, what is talked about, how people feel about the brand's touchpoints
// and which communities shifted in tone — for a window against the one before. Printable.
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { useLocation, useSearchParams } from "react-router";
import { useQuery } from "urql";
import { Page } from "../../components/Page";
import { ErrorNote, Loading } from "../../components/QueryState";
import {
  TrendsReviewDocument,
  type TrendSeriesFragment,
  type TrendsReviewQuery,
} from "../../gql/graphql";
import { useFormat } from "../../lib/format";
import { ChannelsSection } from "./ChannelsSection";
import { ChannelName, useCommunityName, type ChannelInfo } from "./labels";
import {
  rising,
  seenWithin,
  strongGrowth,
  toneShifts,
  volumeChanges,
  withEmptyBuckets,
} from "./review";
import { ReviewSummary } from "./ReviewSummary";
import {
  addDays,
  apiRange,
  bucketStarts,
  readWindow,
  utcDay,
  windowDays,
  writeWindow,
  type ReviewWindow,
} from "./reviewWindow";
import { CommunitiesSection, TouchpointsSection } from "./ToneSections";
import { TopicsSection } from "./TopicsSection";
import { WindowForm } from "./WindowForm";
import "./trends.css";

/** Topics the "rising" call-out names. */
const RISING = 5;

export function Component() {
  const { t } = useTranslation("trends");
  const format = useFormat();
  const [params, setParams] = useSearchParams();
  const today = utcDay();
  const shown = readWindow(params, today);
  const range = apiRange(shown);
  const variables = { ...range, bucket: shown.bucket };
  const [{ data, error, fetching, operation }, retry] = useQuery({
    query: TrendsReviewDocument,
    variables,
  });
  // While another window loads, urql still holds the previous one: never show it as this.
  const asked = operation?.variables;
  const review =
    asked?.since === variables.since &&
    asked.until === variables.until &&
    asked.bucket === variables.bucket
      ? data
      : undefined;
  const period = t("window.range", {
    first: format.date(shown.first),
    last: format.date(shown.last),
  });
  const days = windowDays(shown);

  return (
    <Page
      title={t("title", { period })}
      intro={t("intro", {
        count: days,
        first: format.date(range.previousSince),
        last: format.date(addDays(shown.first, -1)),
      })}
      actions={
        <button type="button" onClick={() => window.print()}>
          {t("print")}
        </button>
      }
    >
      <div className="trends-view">
        <WindowForm
          current={shown}
          today={today}
          onChange={(next: ReviewWindow) => setParams(writeWindow(next, params))}
        />
        {error && (
          <ErrorNote error={error} retry={() => retry({ requestPolicy: "network-only" })} />
        )}
        {fetching && <Loading />}
        {review && (
          <Review
            data={review}
            shown={shown}
            touchpoint={params.get("touchpoint")}
            channel={params.get("channel")}
          />
        )}
      </div>
    </Page>
  );
}

function Review({
  data,
  shown,
  touchpoint,
  channel,
}: {
  data: TrendsReviewQuery;
  shown: ReviewWindow;
  touchpoint: string | null;
  channel: string | null;
}) {
  const channels = new Map<string, ChannelInfo>(data.channels.map((c) => [c.id, c]));
  const channelChanges = volumeChanges(data.channelTrends, data.previousChannelTrends);
  const topicChanges = volumeChanges(data.topics, data.previousTopics);
  const touchpointShifts = toneShifts(data.touchpoints, data.previousTouchpoints);
  const communityShifts = toneShifts(data.communityTrends, data.previousCommunityTrends);
  const fresh = data.channels.filter((c) => seenWithin(c.firstSeenAt, shown.first, shown.last));
  const risen = rising(topicChanges, RISING);
  const communityName = useCommunityName(data.communities);
  const starts = bucketStarts(shown);
  const charted = (series: readonly TrendSeriesFragment[]) => withEmptyBuckets(series, starts);
  useScrollToSection();

  return (
    // Which window the figures are for (the tests wait on it).
    <div data-window={`${shown.first}/${shown.last}/${shown.bucket.toLowerCase()}`}>
      <ReviewSummary
        facts={{
          empty: data.channelTrends.length === 0 && data.topics.length === 0,
          grown: strongGrowth(channelChanges),
          fresh: fresh.map((c) => c.id),
          topTopics: topicChanges,
          risen,
          touchpoint: touchpointShifts.find((shift) => shift.change !== null),
          community: communityShifts.find((shift) => shift.change !== null),
        }}
        channelName={(key) => <ChannelName id={key} channel={channels.get(key)} />}
        communityName={communityName}
      />
      <ChannelsSection
        trends={charted(data.channelTrends)}
        changes={channelChanges}
        channels={channels}
        fresh={fresh}
        focus={channel}
      />
      <TopicsSection trends={charted(data.topics)} changes={topicChanges} risen={risen} />
      <TouchpointsSection
        trends={charted(data.touchpoints)}
        shifts={touchpointShifts}
        focus={touchpoint}
      />
      <CommunitiesSection
        trends={charted(data.communityTrends)}
        shifts={communityShifts}
        communities={data.communities}
      />
    </div>
  );
}

/** A link to a section (`/trends#channels`) shows it once the review is drawn. */
function useScrollToSection() {
  const { hash } = useLocation();
  useEffect(() => {
    const section = hash ? document.getElementById(hash.slice(1)) : null;
    section?.scrollIntoView();
    section?.focus({ preventScroll: true });
  }, [hash]);
}
