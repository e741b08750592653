// Alerts as they are raised, for the whole signed-in app: the navigation's badge counts the
// ones not yet seen, the alerts view lists them above the stored ones. The feed lives above
// the routes, so the count holds across navigation.
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useReducer,
  useState,
  type ReactNode,
} from "react";
import { useClient } from "urql";
import { AlertsLiveDocument, type AlertItemFragment } from "../gql/graphql";
import { EMPTY_FEED, feedReducer, unseen } from "./feed";

interface AlertsFeed {
  live: readonly AlertItemFragment[];
  unseen: number;
  /** The live updates stopped; they are being started again. */
  interrupted: boolean;
  markSeen(): void;
}

const FeedContext = createContext<AlertsFeed>({
  live: [],
  unseen: 0,
  interrupted: false,
  markSeen: () => {},
});

/** How long to wait before subscribing again once the socket's own retries gave up. */
const RESUBSCRIBE_MS = 15_000;

export function AlertsFeedProvider({ children }: { children: ReactNode }) {
  const client = useClient();
  // Alerts from when the app opened: a subscription started again (after the socket
  // dropped) gets what was raised meanwhile, and the feed drops what it had already.
  const [since] = useState(() => new Date().toISOString());
  const [attempt, setAttempt] = useState(0);
  const [state, dispatch] = useReducer(feedReducer, EMPTY_FEED);

  useEffect(() => {
    const subscription = client
      .subscription(AlertsLiveDocument, { since })
      .subscribe((result) => {
        if (result.data) dispatch({ type: "raised", alert: result.data.alerts });
        else if (result.error) dispatch({ type: "interrupted" });
      });
    return () => subscription.unsubscribe();
  }, [client, since, attempt]);

  useEffect(() => {
    if (!state.interrupted) return;
    const again = () => {
      dispatch({ type: "resubscribed" });
      setAttempt((count) => count + 1);
    };
    const timer = window.setTimeout(again, RESUBSCRIBE_MS);
    window.addEventListener("online", again);
    return () => {
      window.clearTimeout(timer);
      window.removeEventListener("online", again);
    };
  }, [state.interrupted]);

  const markSeen = useCallback(() => dispatch({ type: "seen" }), []);
  const feed = useMemo(
    () => ({ live: state.live, unseen: unseen(state), interrupted: state.interrupted, markSeen }),
    [state, markSeen],
  );
  return <FeedContext.Provider value={feed}>{children}</FeedContext.Provider>;
}

export function useAlertsFeed(): AlertsFeed {
  return useContext(FeedContext);
}
