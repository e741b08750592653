// The review in a few lines, computed from the sections below it: which channels grew and
// which are new, what is talked about and rising, and the largest shifts in tone.
import { Fragment, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../lib/format";
import { Growth } from "./labels";
import type { ToneShift, VolumeChange } from "./review";
import { topicLabel } from "../../lib/topics";

/** Items a line of the summary names. */
const NAMED = 3;

export interface SummaryFacts {
  /** Nothing at all was posted in the window. */
  empty: boolean;
  grown: readonly VolumeChange[];
  fresh: readonly string[];
  topTopics: readonly VolumeChange[];
  risen: readonly VolumeChange[];
  touchpoint: ToneShift | undefined;
  community: ToneShift | undefined;
}

function Listed<T>({ items, render }: { items: readonly T[]; render(item: T): ReactNode }) {
  return (
    <>
      {items.slice(0, NAMED).map((item, index) => (
        <Fragment key={index}>
          {index > 0 && ", "}
          {render(item)}
        </Fragment>
      ))}
      {items.length > NAMED && "…"}
    </>
  );
}

export function ReviewSummary({
  facts,
  channelName,
  communityName,
}: {
  facts: SummaryFacts;
  channelName(key: string): ReactNode;
  communityName(key: string): string;
}) {
  const { t } = useTranslation("trends");
  const format = useFormat();
  const shift = (found: ToneShift) =>
    t("summary.shift", {
      change: format.signed(found.change),
      before: format.signed(found.previous),
      now: format.signed(found.sentiment),
    });
  return (
    <section className="review-summary panel" aria-labelledby="summary-title">
      <h2 id="summary-title">{t("summary.title")}</h2>
      {facts.empty ? (
        <p>{t("empty")}</p>
      ) : (
        <ul data-testid="review-summary">
          <li>
            {facts.grown.length === 0 ? (
              t("summary.noneGrew")
            ) : (
              <>
                {t("summary.grew", { count: facts.grown.length })}{" "}
                <Listed
                  items={facts.grown}
                  render={(change) => (
                    <>
                      {channelName(change.key)} (
                      <Growth growth={change.growth} posts={change.posts} />)
                    </>
                  )}
                />
              </>
            )}
          </li>
          {facts.fresh.length > 0 && (
            <li>
              {t("summary.fresh", { count: facts.fresh.length })}{" "}
              <Listed items={facts.fresh} render={channelName} />
            </li>
          )}
          {facts.topTopics.length > 0 && (
            <li>
              {t("summary.topics")}{" "}
              <Listed
                items={facts.topTopics}
                render={(change) => (
                  <>
                    <bdi>{topicLabel(change.key)}</bdi> ({format.number(change.posts)})
                  </>
                )}
              />
            </li>
          )}
          {facts.risen.length > 0 && (
            <li>
              {t("summary.rising")}{" "}
              <Listed
                items={facts.risen}
                render={(change) => (
                  <>
                    <bdi>{topicLabel(change.key)}</bdi> (+{format.number(change.posts - change.previous)})
                  </>
                )}
              />
            </li>
          )}
          {facts.touchpoint && (
            <li>
              {t("summary.touchpoint")} <bdi>{facts.touchpoint.key}</bdi>,{" "}
              {shift(facts.touchpoint)}
            </li>
          )}
          {facts.community && (
            <li>
              {t("summary.community")} {communityName(facts.community.key)},{" "}
              {shift(facts.community)}
            </li>
          )}
        </ul>
      )}
    </section>
  );
}
