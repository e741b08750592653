// Data shaping for the person 360 view, kept apart from the components so that it can be
// tested on its own.
import type { AspectTarget, SentimentLabel } from "../../gql/graphql";

export interface AspectOpinion {
  target: AspectTarget;
  key: string;
  label: SentimentLabel;
  score: number;
}

export interface AspectGroup {
  target: AspectTarget;
  opinions: AspectOpinion[];
}

const TARGETS: readonly AspectTarget[] = ["BRAND", "TOUCHPOINT", "PRODUCT"];

/** A post's opinions grouped by what they are about (the brand itself, its touchpoints, then
 * its products), the
 * strongest first in each group; groups without opinions are left out. */
export function groupAspects(aspects: readonly AspectOpinion[]): AspectGroup[] {
  return TARGETS.map((target) => ({
    target,
    opinions: aspects
      .filter((aspect) => aspect.target === target)
      .sort((a, b) => Math.abs(b.score) - Math.abs(a.score) || a.key.localeCompare(b.key)),
  })).filter((group) => group.opinions.length > 0);
}

/** A brand-lexicon key (`customer-care`, `oat_latte`) as words. */
export function keyWords(key: string): string {
  return key.replace(/[-_]+/g, " ").trim() || key;
}

/** The venue of a channel id (`platform:venue`), or the whole id when it has no venue. */
export function channelVenue(channelId: string): string {
  const cut = channelId.indexOf(":");
  return cut >= 0 && cut < channelId.length - 1 ? channelId.slice(cut + 1) : channelId;
}

/** The evidence a reviewer typed, one item per line. */
export function evidenceLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

export interface ThreadPost {
  id: string;
  replyToId: string | null;
}

/** How deep each post of a conversation sits below its root (posts whose parent is not
 * in the thread sit at the top), for indenting it as a tree. */
export function threadDepths(posts: readonly ThreadPost[]): Map<string, number> {
  const parents = new Map(posts.map((post) => [post.id, post.replyToId]));
  const depths = new Map<string, number>();
  const depthOf = (id: string, seen: Set<string>): number => {
    const known = depths.get(id);
    if (known !== undefined) return known;
    const parent = parents.get(id);
    // A cycle (bad data) must not hang the page: it is cut where it closes.
    const depth = parent && parents.has(parent) && !seen.has(parent)
      ? depthOf(parent, seen.add(id)) + 1
      : 0;
    depths.set(id, depth);
    return depth;
  };
  for (const post of posts) depthOf(post.id, new Set());
  return depths;
}

/** Below this distance from zero a mean sentiment is neutral (the analyser's own band). */
export const NEUTRAL_BAND = 0.05;

/** The label a mean sentiment reads as; unknown reads as neutral. */
export function toneOf(score: number | null | undefined): "positive" | "negative" | "neutral" {
  if (score == null || Math.abs(score) < NEUTRAL_BAND) return "neutral";
  return score > 0 ? "positive" : "negative";
}

/** An account id (`platform:handle`) as the API's account reference. */
export function accountRef(accountId: string): { platform: string; handle: string } {
  const cut = accountId.indexOf(":");
  return { platform: accountId.slice(0, Math.max(cut, 0)), handle: accountId.slice(cut + 1) };
}
