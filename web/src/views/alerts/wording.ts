// An alert's figures in words ("sentiment −0.60 against −0.10 over the previous 14 days"),
// and where to look further: the review filtered to its touchpoint, or its channels.
import type { TFunction } from "i18next";
import type { AlertItemFragment } from "../../gql/graphql";
import type { Formatters } from "../../lib/format";
import { utcDay, windowEndingOn, writeWindow } from "../trends/reviewWindow";

type Alert = Pick<AlertItemFragment, "kind" | "subject" | "raisedAt" | "figures">;

/** Days of trends an alert's link shows, up to the alert's day. */
export const TREND_DAYS = 30;

/** The sentences an alert's figures make; figures no sentence uses are listed as they
 * come. */
export function figureWords(alert: Alert, t: TFunction<"alerts">, format: Formatters): string[] {
  const figures = new Map(alert.figures.map((figure) => [figure.name, figure.value]));
  const words: string[] = [];
  const used = new Set<string>();
  const say = (text: string, ...names: string[]) => {
    words.push(text);
    for (const name of names) used.add(name);
  };
  const sentiment = figures.get("sentiment");
  const days = figures.get("days");

  switch (alert.kind) {
    case "NEGATIVE_INFLUENCER": {
      const influence = figures.get("influence");
      if (sentiment !== undefined) {
        say(t("figure.postSentiment", { value: format.signed(sentiment) }), "sentiment");
      }
      if (influence !== undefined) {
        // A percentile: 0.97 puts the author among the 3% most influential (1% at least).
        const top = Math.max(1 - influence, 0.01);
        say(t("figure.influence", { share: format.percent(top) }), "influence");
      }
      break;
    }
    case "AT_RISK_INFLUENCER": {
      const advocacy = figures.get("advocacy");
      if (advocacy !== undefined) {
        say(t("figure.advocacy", { value: format.signed(advocacy) }), "advocacy");
      }
      break;
    }
    case "SENTIMENT_SPIKE": {
      const baseline = figures.get("baseline");
      const opinions = figures.get("opinions");
      if (sentiment !== undefined && baseline !== undefined) {
        const values = { value: format.signed(sentiment), baseline: format.signed(baseline) };
        if (days === undefined) say(t("figure.spikeAgainstUsual", values), "sentiment", "baseline");
        else say(t("figure.spike", { ...values, count: days }), "sentiment", "baseline", "days");
      }
      if (opinions !== undefined) {
        say(t("figure.opinions", { count: opinions, value: format.number(opinions) }), "opinions");
      }
      break;
    }
    case "CHANNEL_SURGE": {
      const posts = figures.get("posts");
      if (posts !== undefined && days !== undefined) {
        say(t("figure.surge", { posts: format.number(posts), count: days }), "posts", "days");
      }
      break;
    }
  }
  for (const [name, value] of figures) {
    if (!used.has(name)) say(t("figure.other", { name, value: format.number(value, 2) }));
  }
  return words;
}

/** The trends page for a touchpoint's spike or a channel's surge, over the days up to the
 * alert; null for alerts about a person. */
export function trendsLink(alert: Alert): string | null {
  const day = utcDay(new Date(alert.raisedAt));
  const params = new URLSearchParams();
  switch (alert.kind) {
    case "SENTIMENT_SPIKE":
      params.set("touchpoint", alert.subject);
      return `/trends?${writeWindow(windowEndingOn(day, TREND_DAYS, "DAY"), params)}#touchpoints`;
    case "CHANNEL_SURGE":
      params.set("channel", alert.subject);
      return `/trends?${writeWindow(windowEndingOn(day, TREND_DAYS, "WEEK"), params)}#channels`;
    default:
      return null;
  }
}
