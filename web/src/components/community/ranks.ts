// Communities as the map and the community pages name and colour them: by their rank among
// the last ranking's communities, largest first ("Community 1" is the largest), so that a
// community has the same colour and name on the map, in its legend and on its page.
import { useMemo } from "react";
import type { TFunction } from "i18next";
import { useQuery } from "urql";
import { CommunityRanksDocument, type CommunityRankFragment } from "../../gql/graphql";

export interface RankedCommunity extends CommunityRankFragment {
  /** 0 for the largest. */
  rank: number;
}

export type CommunityRanks = ReadonlyMap<string, RankedCommunity>;

/** The ranked communities by id; null until they arrive (or when they cannot be read).
 * Read once: they change with the rankings, and a map built on them must not be rebuilt
 * (and laid out again) when the same list arrives a second time. */
export function useCommunityRanks(): CommunityRanks | null {
  const [{ data }] = useQuery({ query: CommunityRanksDocument, requestPolicy: "cache-first" });
  return useMemo(() => (data ? rankCommunities(data.communities) : null), [data]);
}

export function rankCommunities(communities: readonly CommunityRankFragment[]): CommunityRanks {
  return new Map(communities.map((community, rank) => [community.id, { ...community, rank }]));
}

/** "Community 3"; a community beyond the ranked ones by its id. */
export function communityName(t: TFunction<"communities">, id: string, rank: number | undefined) {
  return rank === undefined ? t("name.unranked", { id }) : t("name.ranked", { number: rank + 1 });
}
