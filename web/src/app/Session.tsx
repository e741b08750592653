// Signed in or not: without a key the sign-in form stands in for whatever URL was opened,
// and that URL is shown once the key is accepted.
import { useCallback, useEffect, useMemo, useState } from "react";
import { Outlet } from "react-router";
import { Provider, useQuery } from "urql";
import { connect } from "../api/client";
import { SignIn } from "../auth/SignIn";
import { SessionProvider } from "../auth/ViewerContext";
import { forgetKey, keepKey, storedKey } from "../auth/session";
import { ViewerDocument } from "../gql/graphql";
import { ErrorNote, Loading } from "../components/QueryState";
import { AlertsFeedProvider } from "./alertsFeed";

export function Session() {
  const [key, setKey] = useState<string | null>(storedKey);
  const signOut = useCallback(() => {
    forgetKey();
    setKey(null);
  }, []);
  if (key === null) {
    return (
      <SignIn
        onSignedIn={(accepted) => {
          keepKey(accepted);
          setKey(accepted);
        }}
      />
    );
  }
  return <Connected key={key} apiKey={key} signOut={signOut} />;
}

function Connected({ apiKey, signOut }: { apiKey: string; signOut(): void }) {
  const connection = useMemo(() => connect(apiKey, signOut), [apiKey, signOut]);
  useEffect(() => () => connection.close(), [connection]);
  return (
    <Provider value={connection.client}>
      <WithViewer signOut={signOut} />
    </Provider>
  );
}

function WithViewer({ signOut }: { signOut(): void }) {
  // A refused key signs out (the client sees the 401); other errors can be retried.
  const [{ data, error }, retry] = useQuery({
    query: ViewerDocument,
    requestPolicy: "network-only",
  });
  const session = useMemo(() => (data ? { viewer: data.viewer, signOut } : null), [data, signOut]);
  if (session === null) {
    return error ? (
      <main className="centered">
        <ErrorNote error={error} retry={() => retry({ requestPolicy: "network-only" })} />
      </main>
    ) : (
      <Loading />
    );
  }
  return (
    <SessionProvider value={session}>
      <AlertsFeedProvider>
        <Outlet />
      </AlertsFeedProvider>
    </SessionProvider>
  );
}
