// How people feel: each touchpoint's and each community's mean sentiment in the window
// against the window before, the largest shifts first, and over time.
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { Empty } from "../../components/QueryState";
import { TrendChart } from "../../components/TrendChart";
import type { TrendSeriesFragment } from "../../gql/graphql";
import { useFormat } from "../../lib/format";
import { CommunityName, useCommunityName, type CommunityInfo } from "./labels";
import { CHARTED_SERIES, MoreRows, ReviewSection, SHOWN_ROWS } from "./ReviewSection";
import type { ToneShift } from "./review";

/** Shifts worth calling out. */
const MOVERS = 3;

function shiftClass(change: number | null): string | undefined {
  if (change === null || change === 0) return undefined;
  return change < 0 ? "change-down" : "change-up";
}

export function TouchpointsSection({
  trends,
  shifts,
  focus,
}: {
  trends: readonly TrendSeriesFragment[];
  shifts: readonly ToneShift[];
  /** One touchpoint to look at (an alert's link), or null for all. */
  focus: string | null;
}) {
  const { t } = useTranslation("trends");
  const [params] = useSearchParams();
  const shown = focus === null ? shifts : shifts.filter((shift) => shift.key === focus);
  const charted = focus === null ? trends : trends.filter((trend) => trend.key === focus);
  const everyTouchpoint = new URLSearchParams(params);
  everyTouchpoint.delete("touchpoint");
  return (
    <ReviewSection id="touchpoints" title={t("touchpoints.title")} hint={t("touchpoints.hint")}>
      {focus !== null && (
        <p className="review-filter">
          {t("touchpoints.only")} <bdi className="review-key">{focus}</bdi>{" "}
          <Link to={{ search: everyTouchpoint.toString(), hash: "touchpoints" }}>
            {t("touchpoints.every")}
          </Link>
        </p>
      )}
      {shown.length === 0 ? (
        <Empty>{t("empty")}</Empty>
      ) : (
        <>
          <Movers shifts={shown} name={(key) => <bdi>{key}</bdi>} />
          <TrendChart
            series={charted.slice(0, 2 * CHARTED_SERIES)}
            measure="sentiment"
            label={t("touchpoints.chart")}
          />
          <ToneTable
            shifts={shown}
            caption={t("touchpoints.table")}
            keyHeader={t("column.touchpoint")}
            postsHeader={t("column.opinions")}
            testId="touchpoints-table"
            name={(key) => <bdi>{key}</bdi>}
          />
        </>
      )}
    </ReviewSection>
  );
}

export function CommunitiesSection({
  trends,
  shifts,
  communities,
}: {
  trends: readonly TrendSeriesFragment[];
  shifts: readonly ToneShift[];
  communities: readonly CommunityInfo[];
}) {
  const { t } = useTranslation("trends");
  const communityName = useCommunityName(communities);
  const byId = new Map(communities.map((community) => [community.id, community]));
  const moved = new Set(
    shifts
      .filter((shift) => shift.change !== null)
      .slice(0, CHARTED_SERIES)
      .map((shift) => shift.key),
  );
  const name = (key: string) => (
    <CommunityName id={key} community={byId.get(key)} name={communityName(key)} />
  );
  return (
    <ReviewSection id="communities" title={t("communities.title")} hint={t("communities.hint")}>
      {shifts.length === 0 ? (
        <Empty>{t("empty")}</Empty>
      ) : (
        <>
          <Movers shifts={shifts} name={(key) => communityName(key)} />
          {moved.size > 0 && (
            <TrendChart
              series={trends.filter((trend) => moved.has(trend.key))}
              measure="sentiment"
              label={t("communities.chart")}
              names={communityName}
            />
          )}
          <ToneTable
            shifts={shifts}
            caption={t("communities.table")}
            keyHeader={t("column.community")}
            postsHeader={t("column.posts")}
            testId="communities-table"
            name={name}
          />
        </>
      )}
    </ReviewSection>
  );
}

function Movers({
  shifts,
  name,
}: {
  shifts: readonly ToneShift[];
  name(key: string): ReactNode;
}) {
  const { t } = useTranslation("trends");
  const format = useFormat();
  const movers = shifts.filter((shift) => shift.change !== null).slice(0, MOVERS);
  if (movers.length === 0) return null;
  return (
    <div className="review-callout">
      <h3>{t("tone.movers")}</h3>
      <ul>
        {movers.map((shift) => (
          <li key={shift.key}>
            {name(shift.key)}:{" "}
            <strong className={shiftClass(shift.change)}>
              {format.signed(shift.change)}
            </strong>{" "}
            {t("tone.fromTo", {
              before: format.signed(shift.previous),
              now: format.signed(shift.sentiment),
            })}
          </li>
        ))}
      </ul>
    </div>
  );
}

function ToneTable({
  shifts,
  caption,
  keyHeader,
  postsHeader,
  testId,
  name,
}: {
  shifts: readonly ToneShift[];
  caption: string;
  keyHeader: string;
  postsHeader: string;
  testId: string;
  name(key: string): ReactNode;
}) {
  const { t } = useTranslation("trends");
  const format = useFormat();
  const [expanded, setExpanded] = useState(false);
  const shown = expanded ? shifts : shifts.slice(0, SHOWN_ROWS);
  return (
    <>
      <table className="review-table" data-testid={testId}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{keyHeader}</th>
            <th scope="col" className="number">
              {postsHeader}
            </th>
            <th scope="col" className="number">
              {t("column.sentiment")}
            </th>
            <th scope="col" className="number">
              {t("column.sentimentBefore")}
            </th>
            <th scope="col" className="number">
              {t("column.shift")}
            </th>
          </tr>
        </thead>
        <tbody>
          {shown.map((shift) => (
            <tr key={shift.key} data-key={shift.key}>
              <th scope="row">{name(shift.key)}</th>
              <td className="number posts">{format.number(shift.posts)}</td>
              <td className="number">{format.signed(shift.sentiment)}</td>
              <td className="number">{format.signed(shift.previous)}</td>
              <td className="number">
                {shift.change === null ? (
                  <span className="review-aside">{t("tone.tooFew")}</span>
                ) : (
                  <span className={shiftClass(shift.change)}>
                    {format.signed(shift.change)}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <MoreRows
        shown={shown.length}
        total={shifts.length}
        label={t("tone.all", { count: shifts.length })}
        onShow={() => setExpanded(true)}
      />
    </>
  );
}
