// Routes: every view has its own URL, so a link to a person or a filtered map can be shared
// (the key is never part of it). Views are loaded when first opened.
import { RouterProvider, createBrowserRouter, Navigate } from "react-router";
import { Session } from "./Session";
import { Layout } from "./Layout";
import { RouteError } from "./RouteError";
import { Loading } from "../components/QueryState";

const router = createBrowserRouter([
  {
    element: <Session />,
    errorElement: <RouteError />,
    hydrateFallbackElement: <Loading />,
    children: [
      {
        element: <Layout />,
        children: [
          { index: true, element: <Navigate to="/map" replace /> },
          { path: "map", lazy: () => import("../views/map/route") },
          { path: "people", lazy: () => import("../views/people/searchRoute") },
          { path: "people/:id", lazy: () => import("../views/people/route") },
          { path: "communities", lazy: () => import("../views/communities/route") },
          { path: "communities/:id", lazy: () => import("../views/communities/detailRoute") },
          { path: "advocates", lazy: () => import("../views/advocates/route") },
          { path: "programme", lazy: () => import("../views/advocates/programmeRoute") },
          { path: "queue", lazy: () => import("../views/queue/route") },
          { path: "trends", lazy: () => import("../views/trends/route") },
          { path: "alerts", lazy: () => import("../views/alerts/route") },
          { path: "identity", lazy: () => import("../views/identity/route") },
          { path: "*", lazy: () => import("./NotFound") },
        ],
      },
    ],
  },
]);

export function App() {
  return <RouterProvider router={router} />;
}
