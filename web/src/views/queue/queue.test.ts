import i18next from "i18next";
import { describe, expect, it } from "vitest";
import type { QueueAuthorFragment } from "../../gql/graphql";
import { resources } from "../../i18n";
import { formatters } from "../../lib/format";
import { customerStanding, influencePercentile } from "./author";
import { dueState, localInputToIso, waitingSeconds } from "./due";
import { filtersKey, queueVariables, readFilters } from "./filters";
import {
  countsByFunction,
  latestWeeks,
  medianHoursByWeek,
  tableRows,
  type MetricRow,
} from "./metrics";

const HOUR = 3_600_000;
const NOW = Date.parse("2026-03-04T12:00:00Z");

describe("dueState", () => {
  it("says how late an open conversation past its due time is", () => {
    expect(dueState({ status: "OPEN", dueAt: "2026-03-04T09:00:00Z" }, NOW)).toEqual({
      kind: "overdue",
      seconds: 3 * 3600,
    });
  });

  it("says how long is left before an open conversation is due", () => {
    expect(dueState({ status: "OPEN", dueAt: "2026-03-04T12:30:00Z" }, NOW)).toEqual({
      kind: "due",
      seconds: 1800,
    });
  });

  it("never calls a closed conversation overdue", () => {
    expect(dueState({ status: "ANSWERED", dueAt: "2026-03-01T00:00:00Z" }, NOW)).toEqual({
      kind: "closed",
    });
    const dismissed = dueState({ status: "DISMISSED", dueAt: "2026-03-01T00:00:00Z" }, NOW);
    expect(dismissed.kind).toBe("closed");
  });

  it("counts the wait from the post, never below zero", () => {
    expect(waitingSeconds(new Date(NOW - 50 * HOUR).toISOString(), NOW)).toBe(50 * 3600);
    expect(waitingSeconds(new Date(NOW + HOUR).toISOString(), NOW)).toBe(0);
  });
});

describe("due wording", () => {
  it("says how late in the reader's language and units", async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ resources, lng: "en", interpolation: { escapeValue: false } });
    const late = (language: "en" | "it", seconds: number) =>
      i18n.getFixedT(language, "queue")("due.overdue", {
        duration: formatters(language).duration(seconds),
      });
    expect(late("en", 3 * 3600)).toBe("Overdue by 3 hr");
    expect(late("it", 3 * 3600)).toBe("In ritardo di 3 h");
    expect(late("en", 119 * 86400)).toBe("Overdue by 119 days");
    expect(late("it", 90)).toBe("In ritardo di 1,5 min");
  });
});

describe("localInputToIso", () => {
  it("turns a datetime-local value into an instant, and nothing into null", () => {
    const iso = localInputToIso("2026-03-04T10:15");
    expect(iso).toBe(new Date(2026, 2, 4, 10, 15).toISOString());
    expect(localInputToIso("")).toBeNull();
    expect(localInputToIso("not a time")).toBeNull();
  });
});

describe("queue filters", () => {
  it("read the URL, ignoring values the API would refuse", () => {
    expect(readFilters(new URLSearchParams("function=SALES&status=ANSWERED&owner=mine"))).toEqual({
      function: "SALES",
      status: "ANSWERED",
      overdue: false,
      mine: true,
    });
    expect(readFilters(new URLSearchParams("function=sales&status=<b>"))).toEqual({
      function: null,
      status: "OPEN",
      overdue: false,
      mine: false,
    });
  });

  it("keep overdue to open conversations, as the API does", () => {
    const filters = readFilters(new URLSearchParams("status=ANSWERED&overdue=1"));
    expect(filters.status).toBe("OPEN");
    expect(queueVariables(filters, "marta", 25, null)).toEqual({
      function: null,
      owner: null,
      status: "OPEN",
      overdue: true,
      first: 25,
      after: null,
    });
  });

  it("ask for the signed-in key's conversations when the owner is 'mine'", () => {
    const filters = readFilters(new URLSearchParams("owner=mine&function=PR"));
    expect(queueVariables(filters, "Marta Bianchi", 10, "abc")).toMatchObject({
      owner: "Marta Bianchi",
      function: "PR",
      after: "abc",
    });
  });

  it("change their key whenever what is listed changes", () => {
    const a = filtersKey(readFilters(new URLSearchParams("function=PR")));
    expect(filtersKey(readFilters(new URLSearchParams("function=PR&conversation=x")))).toBe(a);
    expect(filtersKey(readFilters(new URLSearchParams("function=PR&owner=mine")))).not.toBe(a);
  });
});

function author(partial: Partial<QueueAuthorFragment>): QueueAuthorFragment {
  return {
    id: "p1",
    displayName: "Giulia",
    affiliation: null,
    accounts: [],
    advocacyClass: null,
    scores: [],
    customers: [],
    ...partial,
  };
}

describe("who is asking", () => {
  it("reads the influence percentile from the advocacy score's factors", () => {
    const ranked = author({
      scores: [
        { name: "influence", value: 0.0123, factors: [] },
        {
          name: "advocacy",
          value: 0.4,
          factors: [
            { name: "lean", value: 0.6 },
            { name: "influence", value: 0.93 },
          ],
        },
      ],
    });
    expect(influencePercentile(ranked)).toBe(0.93);
    expect(influencePercentile(author({}))).toBeNull();
  });

  it("knows a customer and their highest lifetime value", () => {
    expect(customerStanding(author({}))).toEqual({ customer: false, lifetimeValue: null });
    const linked = author({
      customers: [
        { confidence: 0.9, customer: { externalId: "c1", lifetimeValue: 120 } },
        { confidence: 0.8, customer: { externalId: "c2", lifetimeValue: 840.5 } },
        { confidence: 0.8, customer: null },
      ],
    });
    expect(customerStanding(linked)).toEqual({ customer: true, lifetimeValue: 840.5 });
  });
});

function row(partial: Partial<MetricRow>): MetricRow {
  return {
    function: "CUSTOMER_CARE",
    week: "2026-03-02",
    conversations: 0,
    answered: 0,
    dismissed: 0,
    open: 0,
    overdue: 0,
    medianFirstResponseSeconds: null,
    p90FirstResponseSeconds: null,
    withinTarget: null,
    ...partial,
  };
}

describe("first-response metrics", () => {
  const rows = [
    row({ week: "2026-02-23", open: 2, overdue: 1, medianFirstResponseSeconds: 7200 }),
    row({ week: "2026-03-02", open: 3, overdue: 0, medianFirstResponseSeconds: 1800 }),
    row({ function: "SALES", week: "2026-03-02", open: 1, overdue: 1 }),
    row({ function: "PR", week: "2026-02-16", medianFirstResponseSeconds: 36000 }),
  ];

  it("add up open and overdue conversations per function", () => {
    const counts = countsByFunction(rows);
    expect(counts.get("CUSTOMER_CARE")).toEqual({ open: 5, overdue: 1 });
    expect(counts.get("SALES")).toEqual({ open: 1, overdue: 1 });
    expect(counts.get("MARKETING")).toBeUndefined();
  });

  it("list the newest weeks first, functions in the tabs' order, one function when chosen", () => {
    expect(tableRows(rows, null).map((r) => `${r.week} ${r.function}`)).toEqual([
      "2026-03-02 CUSTOMER_CARE",
      "2026-03-02 SALES",
      "2026-02-23 CUSTOMER_CARE",
      "2026-02-16 PR",
    ]);
    expect(tableRows(rows, "SALES")).toHaveLength(1);
    expect(latestWeeks(rows, 2)).toEqual(["2026-03-02", "2026-02-23"]);
  });

  it("chart each function's median in hours per week, oldest first, gaps left empty", () => {
    expect(medianHoursByWeek(rows, ["CUSTOMER_CARE", "PR"])).toEqual([
      { week: "2026-02-16", CUSTOMER_CARE: null, PR: 10 },
      { week: "2026-02-23", CUSTOMER_CARE: 2, PR: null },
      { week: "2026-03-02", CUSTOMER_CARE: 0.5, PR: null },
    ]);
  });
});
