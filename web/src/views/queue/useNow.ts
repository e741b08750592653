import { useEffect, useState } from "react";

/** The time now, renewed every ``everyMs``: "overdue by…" keeps counting while the page is
 * open. */
export function useNow(everyMs = 60_000): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}
