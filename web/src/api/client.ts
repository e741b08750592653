// The GraphQL client: queries and mutations over HTTP, the alerts subscription over
// WebSocket (graphql-transport-ws, the key in connection_init as browsers cannot set
// headers on a socket).
import { createClient as createSocketClient } from "graphql-ws";
import { Client, cacheExchange, fetchExchange, subscriptionExchange } from "urql";

export interface ApiConnection {
  client: Client;
  close(): void;
}

export function connect(key: string, onUnauthorized: () => void): ApiConnection {
  const authorization = `Bearer ${key}`;
  const scheme = window.location.protocol === "https:" ? "wss" : "ws";
  const socket = createSocketClient({
    url: `${scheme}://${window.location.host}/graphql`,
    connectionParams: { Authorization: authorization },
    lazy: true,
    retryAttempts: 20,
    shouldRetry: () => true,
  });
  const client = new Client({
    url: "/graphql",
    // POST only: an operation in a URL would reach access logs (the server refuses GET).
    preferGetMethod: false,
    requestPolicy: "cache-and-network",
    fetchOptions: () => ({ headers: { Authorization: authorization } }),
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      if (response.status === 401) onUnauthorized();
      return response;
    },
    exchanges: [
      cacheExchange,
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const operation = { ...request, query: request.query ?? "" };
          return {
            subscribe(sink) {
              return { unsubscribe: socket.subscribe(operation, sink) };
            },
          };
        },
      }),
    ],
  });
  return { client, close: () => void socket.dispose() };
}
