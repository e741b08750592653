// GraphiQL from the same build as the app, so that the API explorer works on a machine
// without internet. A key the app signed in with (this tab's session) is sent for you;
// otherwise put {"Authorization": "Bearer KEY"} in the Headers pane.
import { createGraphiQLFetcher } from "@graphiql/toolkit";
import { GraphiQL } from "graphiql";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { storedKey } from "../auth/session";
import "graphiql/style.css";
import "./graphiql.css";

const key = storedKey();
const scheme = window.location.protocol === "https:" ? "wss" : "ws";
const fetcher = createGraphiQLFetcher({
  url: "/graphql",
  subscriptionUrl: `${scheme}://${window.location.host}/graphql`,
  headers: key ? { Authorization: `Bearer ${key}` } : {},
  wsConnectionParams: key ? { Authorization: `Bearer ${key}` } : {},
});

const root = document.getElementById("graphiql");
if (root === null) throw new Error("graphiql.html has no #graphiql");
createRoot(root).render(
  <StrictMode>
    <GraphiQL fetcher={fetcher} defaultQuery={"{\n  viewer { name role }\n  stats { people posts }\n}\n"} />
  </StrictMode>,
);
