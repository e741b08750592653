// The signed-in key: who it is and its role. The UI follows the role: a control a key may
// not use is not shown (the API refuses it anyway).
import { createContext, useContext, type ReactNode } from "react";
import type { Role, ViewerQuery } from "../gql/graphql";
import { allows } from "./roles";

export type Viewer = ViewerQuery["viewer"];

interface Session {
  viewer: Viewer;
  signOut(): void;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ value, children }: { value: Session; children: ReactNode }) {
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (session === null) throw new Error("useSession outside a signed-in page");
  return session;
}

/** Whether the signed-in key may do what ``needed`` may. */
export function useAllowed(needed: Role): boolean {
  return allows(useSession().viewer.role, needed);
}

/** Its children only for keys of at least ``role``. */
export function Allowed({ role, children }: { role: Role; children: ReactNode }) {
  return useAllowed(role) ? <>{children}</> : null;
}
