// The API key lives in this tab's sessionStorage only: it never reaches a URL, and it is
// gone when the tab closes.
const KEY = "osmosi.apiKey";

export function storedKey(): string | null {
  return sessionStorage.getItem(KEY);
}

export function keepKey(key: string): void {
  sessionStorage.setItem(KEY, key);
}

export function forgetKey(): void {
  sessionStorage.removeItem(KEY);
}

/** What a pasted key looks like: `osk_` and URL-safe base64, nothing around it. */
export function cleanKey(text: string): string | null {
  const key = text.trim().replace(/^bearer\s+/i, "");
  return /^osk_[A-Za-z0-9_-]{20,}$/.test(key) ? key : null;
}
