// Where the conversation is: posts per kind of channel and per channel, against the window
// before, with the channels first seen in this window called out.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Empty } from "../../components/QueryState";
import { TrendChart } from "../../components/TrendChart";
import type { TrendSeriesFragment } from "../../gql/graphql";
import { useFormat } from "../../lib/format";
import { ChannelName, Growth, type ChannelInfo } from "./labels";
import { volumesByKind, type VolumeChange } from "./review";
import {
  CHARTED_SERIES,
  ChangeCells,
  ChangeHeaders,
  MoreRows,
  ReviewSection,
  SHOWN_ROWS,
} from "./ReviewSection";

export function ChannelsSection({
  trends,
  changes,
  channels,
  fresh,
  focus,
}: {
  trends: readonly TrendSeriesFragment[];
  changes: readonly VolumeChange[];
  channels: ReadonlyMap<string, ChannelInfo>;
  /** Channels first seen in the window. */
  fresh: readonly ChannelInfo[];
  /** A channel to point out (an alert's link). */
  focus: string | null;
}) {
  const { t } = useTranslation("trends");
  const format = useFormat();
  const focusAt = changes.findIndex((change) => change.key === focus);
  const [expanded, setExpanded] = useState(false);
  const shown = expanded || focusAt >= SHOWN_ROWS ? changes : changes.slice(0, SHOWN_ROWS);
  const sentiment = new Map(trends.map((trend) => [trend.key, trend.sentiment]));
  const name = (key: string) => {
    const channel = channels.get(key);
    return channel ? `${channel.venue} (${channel.platform})` : key;
  };

  return (
    <ReviewSection id="channels" title={t("channels.title")} hint={t("channels.hint")}>
      {changes.length === 0 ? (
        <Empty>{t("empty")}</Empty>
      ) : (
        <>
          {fresh.length > 0 && (
            <div className="review-callout">
              <h3>{t("channels.fresh", { count: fresh.length })}</h3>
              <ul>
                {fresh.map((channel) => (
                  <li key={channel.id}>
                    <ChannelName id={channel.id} channel={channel} />{" "}
                    {t("channels.firstSeen", { day: format.date(channel.firstSeenAt) })}
                  </li>
                ))}
              </ul>
            </div>
          )}
          <KindTable changes={changes} channels={channels} />
          <TrendChart
            series={trends.slice(0, CHARTED_SERIES)}
            measure="posts"
            label={t("channels.chart")}
            names={name}
          />
          <table className="review-table" data-testid="channels-table">
            <caption>{t("channels.table")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("column.channel")}</th>
                <th scope="col">{t("column.kind")}</th>
                <ChangeHeaders />
                <th scope="col">{t("column.firstSeen")}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((change) => {
                const channel = channels.get(change.key);
                const isFresh = fresh.some((known) => known.id === change.key);
                return (
                  <tr
                    key={change.key}
                    data-key={change.key}
                    className={change.key === focus ? "is-focus" : undefined}
                  >
                    <th scope="row">
                      <ChannelName id={change.key} channel={channel} />
                      {isFresh && <span className="badge fresh">{t("channels.new")}</span>}
                    </th>
                    <td>{channel ? t(`kind.${channel.kind}`) : "–"}</td>
                    <ChangeCells change={change} sentiment={sentiment.get(change.key)} />
                    <td>{format.date(channel?.firstSeenAt)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <MoreRows
            shown={shown.length}
            total={changes.length}
            label={t("channels.all", { count: changes.length })}
            onShow={() => setExpanded(true)}
          />
        </>
      )}
    </ReviewSection>
  );
}

function KindTable({
  changes,
  channels,
}: {
  changes: readonly VolumeChange[];
  channels: ReadonlyMap<string, ChannelInfo>;
}) {
  const { t } = useTranslation("trends");
  const format = useFormat();
  const kinds = volumesByKind(changes, (key) => channels.get(key)?.kind);
  return (
    <table className="review-table kinds">
      <caption>{t("channels.byKind")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("column.kind")}</th>
          <th scope="col" className="number">
            {t("column.posts")}
          </th>
          <th scope="col" className="number">
            {t("column.share")}
          </th>
          <th scope="col" className="number">
            {t("column.before")}
          </th>
          <th scope="col" className="number">
            {t("column.growth")}
          </th>
        </tr>
      </thead>
      <tbody>
        {kinds.map((kind) => (
          <tr key={kind.kind}>
            <th scope="row">
              {t(`kind.${kind.kind}`)}
              <span className="review-aside"> {t(`kindHint.${kind.kind}`)}</span>
            </th>
            <td className="number">{format.number(kind.posts)}</td>
            <td className="number">{format.percent(kind.share)}</td>
            <td className="number">{format.number(kind.previous)}</td>
            <td className="number">
              <Growth growth={kind.growth} posts={kind.posts} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
