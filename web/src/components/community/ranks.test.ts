import i18next from "i18next";
import { describe, expect, it } from "vitest";
import { resources } from "../../i18n";
import { communityName, rankCommunities } from "./ranks";

describe("communities by rank", () => {
  it("number them from the largest, as listed", () => {
    const ranks = rankCommunities([
      { id: "c-a", size: 9, topTopics: ["espresso"] },
      { id: "c-b", size: 3, topTopics: [] },
    ]);
    expect(ranks.get("c-a")).toEqual({ id: "c-a", size: 9, topTopics: ["espresso"], rank: 0 });
    expect(ranks.get("c-b")?.rank).toBe(1);
  });

  it("name them by rank in each language, and by id past the ranked ones", async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ resources, lng: "it", ns: ["communities"] });
    const t = i18n.getFixedT("it", "communities");
    expect(communityName(t, "c-a", 0)).toBe("Comunità 1");
    expect(communityName(t, "c-z", undefined)).toBe("Comunità c-z");
    expect(communityName(i18n.getFixedT("en", "communities"), "c-b", 1)).toBe("Community 2");
  });
});
