// How the person's tone moves: their posts' mean sentiment over time, and their opinions
// toward each brand touchpoint, by day or by week.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useQuery } from "urql";
import { ErrorNote, Empty, Loading } from "../../components/QueryState";
import { TrendChart } from "../../components/TrendChart";
import {
  PersonViewSentimentByDocument,
  type PersonViewSentimentFragment,
  type TimeBucket,
  type TrendSeriesFragment,
} from "../../gql/graphql";
import { useFormat } from "../../lib/format";
import type { PersonView } from "./route";
import { keyWords, toneOf } from "./shaping";

const BUCKETS: readonly TimeBucket[] = ["WEEK", "DAY"];
/** The first paint's bucket (in the page's query). */
const PAINTED: TimeBucket = "WEEK";
/** Touchpoints drawn together; more lines than this no longer read. */
const DRAWN_TOUCHPOINTS = 6;

export function SentimentSection({ person }: { person: PersonView }) {
  const { t } = useTranslation("person");
  const [bucket, setBucket] = useState<TimeBucket>(PAINTED);
  const [{ data, error, fetching }, retry] = useQuery({
    query: PersonViewSentimentByDocument,
    variables: { id: person.id, bucket },
    pause: bucket === PAINTED,
  });
  const sentiment = bucket === PAINTED ? person.sentiment : data?.person?.sentiment;
  return (
    <section className="panel person-section" aria-labelledby="person-sentiment">
      <div className="section-head">
        <h2 id="person-sentiment">{t("sentiment.title")}</h2>
        <div className="segmented" role="group" aria-label={t("sentiment.bucket")}>
          {BUCKETS.map((choice) => (
            <button
              key={choice}
              type="button"
              aria-pressed={bucket === choice}
              onClick={() => setBucket(choice)}
            >
              {t(`sentiment.by.${choice}`)}
            </button>
          ))}
        </div>
      </div>
      {error && <ErrorNote error={error} retry={() => retry({ requestPolicy: "network-only" })} />}
      {!sentiment ? fetching && <Loading /> : <SentimentCharts sentiment={sentiment} />}
    </section>
  );
}

function SentimentCharts({ sentiment }: { sentiment: PersonViewSentimentFragment }) {
  const { t } = useTranslation("person");
  const { overall, touchpoints } = sentiment;
  const drawn = touchpoints.slice(0, DRAWN_TOUCHPOINTS);
  return (
    <>
      <h3>{t("sentiment.overall")}</h3>
      {overall && overall.points.length > 0 ? (
        <>
          <TrendSummary trend={overall} unit="posts" />
          <TrendChart
            series={[overall]}
            measure="sentiment"
            label={t("sentiment.overallChart")}
            names={() => t("sentiment.overallSeries")}
            height={200}
          />
        </>
      ) : (
        <Empty>{t("sentiment.noneOverall")}</Empty>
      )}
      <h3>{t("sentiment.touchpoints")}</h3>
      {drawn.length > 0 ? (
        <>
          <ul className="touchpoint-summary">
            {touchpoints.map((trend) => (
              <li key={trend.key}>
                <span className="touchpoint-name">{keyWords(trend.key)}</span>{" "}
                <TrendSummary trend={trend} unit="opinions" />
              </li>
            ))}
          </ul>
          <TrendChart
            series={drawn}
            measure="sentiment"
            label={t("sentiment.touchpointChart")}
            names={keyWords}
            height={240}
          />
        </>
      ) : (
        <Empty>{t("sentiment.noneTouchpoints")}</Empty>
      )}
    </>
  );
}

/** A trend's whole period in one line: how many, and their mean sentiment. */
function TrendSummary({ trend, unit }: { trend: TrendSeriesFragment; unit: "posts" | "opinions" }) {
  const { t } = useTranslation("person");
  const format = useFormat();
  return (
    <span className="trend-summary">
      {t(`sentiment.${unit}`, { count: trend.posts, n: format.number(trend.posts) })}
      {" · "}
      <span className={`badge sentiment-${toneOf(trend.sentiment)}`}>
        {t("sentiment.mean", { value: format.signed(trend.sentiment) })}
      </span>
    </span>
  );
}
