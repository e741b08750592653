// Data from social platforms is hostile input: it is only ever rendered as text, and a
// link from it is followed only when it is an ordinary web address.

/** The URL when it is http(s), else undefined (no `javascript:`, `data:` or relative). */
export function safeHref(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}
