import type { Role } from "../gql/graphql";

const ORDER: readonly Role[] = ["VIEWER", "MANAGER", "ADMIN"];

/** Whether a key of ``role`` may do what ``needed`` may (each role includes the ones before). */
export function allows(role: Role | undefined, needed: Role): boolean {
  return role !== undefined && ORDER.indexOf(role) >= ORDER.indexOf(needed);
}
