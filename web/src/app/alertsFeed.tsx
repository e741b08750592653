// Alerts as they are raised, for the whole signed-in app: the navigation's badge counts the
// ones not yet seen, the alerts view lists them above the stored ones.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import { useSubscription } from "urql";
import { AlertsLiveDocument, type AlertItemFragment } from "../gql/graphql";

interface AlertsFeed {
  live: readonly AlertItemFragment[];
  unseen: number;
  markSeen(): void;
}

const FeedContext = createContext<AlertsFeed>({ live: [], unseen: 0, markSeen: () => {} });

const KEEP = 200;

export function AlertsFeedProvider({ children }: { children: ReactNode }) {
  const [seen, setSeen] = useState(0);
  const [{ data: live = [] }] = useSubscription(
    { query: AlertsLiveDocument },
    (previous: AlertItemFragment[] = [], event) =>
      previous.some((alert) => alert.id === event.alerts.id)
        ? previous
        : [event.alerts, ...previous].slice(0, KEEP),
  );
  const markSeen = useCallback(() => setSeen(live.length), [live.length]);
  const feed = useMemo(
    () => ({ live, unseen: Math.max(0, live.length - seen), markSeen }),
    [live, seen, markSeen],
  );
  return <FeedContext.Provider value={feed}>{children}</FeedContext.Provider>;
}

export function useAlertsFeed(): AlertsFeed {
  return useContext(FeedContext);
}
