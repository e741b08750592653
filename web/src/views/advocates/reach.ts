// The shortlist beside the PageRank top-K: how much further it reaches, which communities
// only one of them covers, and why each ambassador is on it. The shortlist is chosen as a
// set (each next person adds the most people the ones before do not reach yet), so its
// members are not simply the most central people: these figures show what that buys.

export interface ChosenSet {
  /** People expected to be reached. */
  expectedReach: number;
  /** Ids of the communities the set covers. */
  communities: readonly string[];
  /** Ids of its members, in the order they were chosen. */
  members: readonly string[];
}

/** The shortlist and its baseline, from an `ambassadorShortlist` answer. */
export function chosenSets(answer: {
  expectedReach: number;
  communities: readonly string[];
  members: readonly { person: { id: string } }[];
  baseline: {
    expectedReach: number;
    communities: readonly string[];
    members: readonly { id: string }[];
  };
}): { shortlist: ChosenSet; baseline: ChosenSet } {
  return {
    shortlist: {
      expectedReach: answer.expectedReach,
      communities: answer.communities,
      members: answer.members.map((member) => member.person.id),
    },
    baseline: {
      expectedReach: answer.baseline.expectedReach,
      communities: answer.baseline.communities,
      members: answer.baseline.members.map((person) => person.id),
    },
  };
}

export interface ReachComparison {
  /** Each set's expected reach in whole people (an estimate: the fraction means nothing to a
   * reader, and the difference must add up with the figures shown). */
  shortlist: number;
  baseline: number;
  /** Shortlist minus baseline, in people. */
  difference: number;
  /** The difference as a share of the baseline's reach; null when the baseline reaches no one. */
  relative: number | null;
  /** Each reach as a share of the larger one, for bars drawn to the same scale. */
  shortlistShare: number;
  baselineShare: number;
  /** Communities only the shortlist covers, only the baseline covers, and both. */
  onlyShortlist: string[];
  onlyBaseline: string[];
  shared: string[];
  /** The PageRank top-K reached as far and so is the shortlist (the API keeps the better). */
  sameMembers: boolean;
}

export function compareReach(shortlist: ChosenSet, baseline: ChosenSet): ReachComparison {
  const chosen = Math.round(shortlist.expectedReach);
  const central = Math.round(baseline.expectedReach);
  const larger = Math.max(chosen, central);
  const inBaseline = new Set(baseline.communities);
  const inShortlist = new Set(shortlist.communities);
  return {
    shortlist: chosen,
    baseline: central,
    difference: chosen - central,
    relative: central > 0 ? (chosen - central) / central : null,
    shortlistShare: larger > 0 ? chosen / larger : 0,
    baselineShare: larger > 0 ? central / larger : 0,
    onlyShortlist: shortlist.communities.filter((id) => !inBaseline.has(id)),
    onlyBaseline: baseline.communities.filter((id) => !inShortlist.has(id)),
    shared: shortlist.communities.filter((id) => inBaseline.has(id)),
    sameMembers:
      shortlist.members.length === baseline.members.length &&
      shortlist.members.every((id) => baseline.members.includes(id)),
  };
}

export interface MemberReason {
  /** 1 for the first person chosen. */
  order: number;
  /** Also among the PageRank top-K. */
  inBaseline: boolean;
  /** The first ambassador from their community: the set reaches into it through them. */
  opensCommunity: boolean;
  /** Their community is one the PageRank top-K does not cover. */
  communityMissedByBaseline: boolean;
}

/** Why each member (in the order chosen) is on the shortlist. */
export function memberReasons(
  members: readonly { id: string; communityId: string | null }[],
  baseline: ChosenSet,
): MemberReason[] {
  const baselineMembers = new Set(baseline.members);
  const baselineCommunities = new Set(baseline.communities);
  const seen = new Set<string>();
  return members.map((member, index) => {
    const community = member.communityId;
    const opensCommunity = community !== null && !seen.has(community);
    if (community !== null) seen.add(community);
    return {
      order: index + 1,
      inBaseline: baselineMembers.has(member.id),
      opensCommunity,
      communityMissedByBaseline: community !== null && !baselineCommunities.has(community),
    };
  });
}

/** Why the shortlist has fewer members than asked for, as the API says it
 * (graph/ranking/shortlist.py), read into figures the view can word in any language. */
export type Shortfall =
  | { kind: "few"; eligible: number }
  | { kind: "cap"; cap: number; found: number; eligible: number }
  /** A reason this view does not know yet: shown as the API wrote it. */
  | { kind: "other"; reason: string };

export function readShortfall(text: string): Shortfall {
  const few = /^only (\d+) (?:people pass|person passes) the constraints$/.exec(text.trim());
  if (few) return { kind: "few", eligible: Number(few[1]) };
  const cap = /^at most (\d+) per community leaves (\d+) of (\d+) candidates$/.exec(text.trim());
  if (cap) {
    return { kind: "cap", cap: Number(cap[1]), found: Number(cap[2]), eligible: Number(cap[3]) };
  }
  return { kind: "other", reason: text };
}
