import i18next from "i18next";
import { beforeAll, describe, expect, it } from "vitest";
import type { AlertItemFragment } from "../../gql/graphql";
import { resources } from "../../i18n";
import { formatters } from "../../lib/format";
import { figureWords, trendsLink } from "./wording";

const i18n = i18next.createInstance();
beforeAll(() => i18n.init({ resources, lng: "en", interpolation: { escapeValue: false } }));

type Alert = Pick<AlertItemFragment, "kind" | "subject" | "raisedAt" | "figures">;

function words(alert: Alert, language: "en" | "it" = "en"): string[] {
  return figureWords(alert, i18n.getFixedT(language, "alerts"), formatters(language));
}

const figures = (values: Record<string, number>) =>
  Object.entries(values).map(([name, value]) => ({ name, value }));

const at = "2026-11-20T09:30:00+00:00";

describe("an alert's figures in words", () => {
  it("set a touchpoint's sentiment against its baseline days", () => {
    const spike: Alert = {
      kind: "SENTIMENT_SPIKE",
      subject: "delivery",
      raisedAt: at,
      figures: figures({ sentiment: -0.6, baseline: -0.1, opinions: 8, days: 14 }),
    };
    expect(words(spike)).toEqual([
      "Sentiment -0.60 against -0.10 over the previous 14 days.",
      "8 opinions that day.",
    ]);
    expect(words(spike, "it")).toEqual([
      "Sentiment -0,60 contro -0,10 nei 14 giorni precedenti.",
      "8 opinioni quel giorno.",
    ]);
  });

  it("say what is known when a figure is missing, and list figures of no sentence", () => {
    const older: Alert = {
      kind: "SENTIMENT_SPIKE",
      subject: "delivery",
      raisedAt: at,
      figures: figures({ sentiment: -0.6, baseline: 0.25, opinions: 1, spread: 0.125 }),
    };
    expect(words(older)).toEqual([
      "Sentiment -0.60 against a usual +0.25.",
      "1 opinion that day.",
      "spread: 0.13",
    ]);
  });

  it("describe a negative post by its sentiment and its author's influence", () => {
    const post: Alert = {
      kind: "NEGATIVE_INFLUENCER",
      subject: "p1",
      raisedAt: at,
      figures: figures({ influence: 0.92, sentiment: -0.75 }),
    };
    expect(words(post)).toEqual([
      "The post's sentiment is -0.75.",
      "Its author is among the 8% most influential people.",
    ]);
    const top: Alert = { ...post, figures: figures({ influence: 1 }) };
    expect(words(top, "it")).toEqual([
      "Chi l'ha scritto è tra le persone più influenti (primo 1%).",
    ]);
  });

  it("count a new channel's posts over its days", () => {
    const surge: Alert = {
      kind: "CHANNEL_SURGE",
      subject: "reddit:r/caffe",
      raisedAt: at,
      figures: figures({ posts: 1234, days: 7 }),
    };
    expect(words(surge)).toEqual(["1,234 posts in the last 7 days."]);
    expect(words(surge, "it")).toEqual(["1234 post negli ultimi 7 giorni."]);
  });
});

describe("an alert's link to the trends", () => {
  it("opens the touchpoint's sentiment by day over the month up to the alert", () => {
    const link = trendsLink({
      kind: "SENTIMENT_SPIKE",
      subject: "customer care",
      raisedAt: at,
      figures: [],
    });
    expect(link).toBe(
      "/trends?touchpoint=customer+care&since=2026-10-22&until=2026-11-20&bucket=day#touchpoints",
    );
  });

  it("opens the review's channels with the channel pointed out", () => {
    const link = trendsLink({
      kind: "CHANNEL_SURGE",
      subject: "reddit:r/caffe",
      raisedAt: at,
      figures: [],
    });
    expect(link).toBe(
      "/trends?channel=reddit%3Ar%2Fcaffe&since=2026-10-22&until=2026-11-20&bucket=week#channels",
    );
  });

  it("has none for an alert about a person", () => {
    const person: Alert = { kind: "AT_RISK_INFLUENCER", subject: "p1", raisedAt: at, figures: [] };
    expect(trendsLink(person)).toBeNull();
  });
});

describe("the scan's outcome", () => {
  it("reads naturally for none, one and many", () => {
    const t = i18n.getFixedT("it", "alerts");
    expect([0, 1, 3].map((count) => t("scan.done", { count }))).toEqual([
      "Il controllo non ha trovato nulla di nuovo.",
      "Il controllo ha sollevato una nuova allerta.",
      "Il controllo ha sollevato 3 nuove allerte.",
    ]);
  });
});
