// What people talk about: the window's top topics against the window before, and the topics
// that gained most.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Empty } from "../../components/QueryState";
import { TrendChart } from "../../components/TrendChart";
import type { TrendSeriesFragment } from "../../gql/graphql";
import { useFormat } from "../../lib/format";
import {
  CHARTED_SERIES,
  ChangeCells,
  ChangeHeaders,
  MoreRows,
  ReviewSection,
  SHOWN_ROWS,
} from "./ReviewSection";
import type { VolumeChange } from "./review";
import { topicLabel } from "../../lib/topics";

export function TopicsSection({
  trends,
  changes,
  risen,
}: {
  trends: readonly TrendSeriesFragment[];
  changes: readonly VolumeChange[];
  risen: readonly VolumeChange[];
}) {
  const { t } = useTranslation("trends");
  const format = useFormat();
  const [expanded, setExpanded] = useState(false);
  const shown = expanded ? changes : changes.slice(0, SHOWN_ROWS);
  const sentiment = new Map(trends.map((trend) => [trend.key, trend.sentiment]));
  return (
    <ReviewSection id="topics" title={t("topics.title")}>
      {changes.length === 0 ? (
        <Empty>{t("empty")}</Empty>
      ) : (
        <>
          {risen.length > 0 && (
            <div className="review-callout">
              <h3>{t("topics.rising")}</h3>
              <ul>
                {risen.map((change) => (
                  <li key={change.key}>
                    <bdi>{topicLabel(change.key)}</bdi>{" "}
                    {t("topics.gained", {
                      count: change.posts - change.previous,
                      gained: format.number(change.posts - change.previous),
                      posts: format.number(change.posts),
                    })}
                  </li>
                ))}
              </ul>
            </div>
          )}
          <TrendChart
            series={trends.slice(0, CHARTED_SERIES)}
            measure="posts"
            label={t("topics.chart")}
            names={topicLabel}
          />
          <table className="review-table" data-testid="topics-table">
            <caption>{t("topics.table")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("column.topic")}</th>
                <ChangeHeaders />
              </tr>
            </thead>
            <tbody>
              {shown.map((change) => (
                <tr key={change.key} data-key={change.key}>
                  <th scope="row">
                    <bdi>{topicLabel(change.key)}</bdi>
                  </th>
                  <ChangeCells change={change} sentiment={sentiment.get(change.key)} />
                </tr>
              ))}
            </tbody>
          </table>
          <MoreRows
            shown={shown.length}
            total={changes.length}
            label={t("topics.all", { count: changes.length })}
            onShow={() => setExpanded(true)}
          />
        </>
      )}
    </ReviewSection>
  );
}
