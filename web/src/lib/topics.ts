/**
 * How a topic is named on screen. Topics are hashtags and key phrases found in the text; a
 * one-word topic reads as the hashtag people write, while a phrase ("miscela espresso") is
 * shown as it is, since no one wrote it with a "#".
 */
export function topicLabel(topic: string): string {
  return /\s/.test(topic.trim()) ? topic : `#${topic}`;
}
