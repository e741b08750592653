import { describe, expect, it } from "vitest";
import {
  DEFAULT_PEOPLE,
  NO_FILTERS,
  mapVariables,
  narrowed,
  parseFilters,
  validDay,
  withFilters,
} from "./filters";

describe("map filters in the URL", () => {
  it("read every filter, normalised", () => {
    const params = new URLSearchParams(
      "first=300&topic=%20Espresso%20&community=c-1&platform=Mastodon" +
        "&since=2026-01-01&until=2026-01-31",
    );
    expect(parseFilters(params)).toEqual({
      first: 300,
      topic: "espresso",
      communityId: "c-1",
      platform: "mastodon",
      since: "2026-01-01",
      until: "2026-01-31",
    });
  });

  it("fall back to the defaults for what is missing or invalid", () => {
    expect(parseFilters(new URLSearchParams())).toEqual(NO_FILTERS);
    const odd = parseFilters(
      new URLSearchParams("first=lots&topic=&since=2026-02-30&until=tomorrow"),
    );
    expect(odd).toEqual({ ...NO_FILTERS, first: DEFAULT_PEOPLE });
    expect(parseFilters(new URLSearchParams("first=9000")).first).toBe(500);
    expect(parseFilters(new URLSearchParams("first=0")).first).toBe(1);
  });

  it("write back what they read, defaults left out, other params kept", () => {
    const filters = { ...NO_FILTERS, first: 50, topic: "caffè", since: "2026-03-01" };
    const params = withFilters(new URLSearchParams("view=table&topic=old&platform=x"), filters);
    expect(params.toString()).toBe("view=table&topic=caff%C3%A8&first=50&since=2026-03-01");
    expect(parseFilters(params)).toEqual(filters);
    expect(withFilters(new URLSearchParams(), NO_FILTERS).toString()).toBe("");
  });

  it("send whole UTC days to the API, the last day included", () => {
    const filters = { ...NO_FILTERS, since: "2026-02-01", until: "2026-02-28" };
    expect(mapVariables(filters)).toEqual({
      first: DEFAULT_PEOPLE,
      topic: null,
      communityId: null,
      platform: null,
      since: "2026-02-01T00:00:00Z",
      until: "2026-03-01T00:00:00Z",
    });
    expect(mapVariables(NO_FILTERS).until).toBeNull();
  });

  it("tell a narrowed map from a bigger or smaller one", () => {
    expect(narrowed({ ...NO_FILTERS, first: 500 })).toBe(false);
    expect(narrowed({ ...NO_FILTERS, platform: "reddit" })).toBe(true);
  });

  it("read days given the wrong way round as the days between them", () => {
    const filters = parseFilters(new URLSearchParams("since=2026-03-10&until=2026-03-01"));
    expect([filters.since, filters.until]).toEqual(["2026-03-01", "2026-03-10"]);
  });

  it("accept only real calendar days", () => {
    expect(validDay("2024-02-29")).toBe("2024-02-29");
    expect(validDay("2025-02-29")).toBeNull();
    expect(validDay("2025-1-2")).toBeNull();
  });
});
