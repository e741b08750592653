// The queue's filters live in the URL (a filtered queue can be shared): read them back,
// ignoring values the API would refuse, and turn them into the query's variables.
import type {
  BusinessFunction,
  ConversationStatus,
  QueueConversationsQueryVariables,
} from "../../gql/graphql";
import { paramChoice } from "../../components/FilterTabs";

export const FUNCTIONS: readonly BusinessFunction[] = [
  "CUSTOMER_CARE",
  "SALES",
  "PRODUCT",
  "MARKETING",
  "PR",
];
export const STATUSES: readonly ConversationStatus[] = ["OPEN", "ANSWERED", "DISMISSED"];

export interface QueueFilters {
  /** null: every function. */
  function: BusinessFunction | null;
  status: ConversationStatus;
  /** Open conversations past their due time only. */
  overdue: boolean;
  /** Only those assigned to the signed-in key's name. */
  mine: boolean;
}

export function readFilters(params: URLSearchParams): QueueFilters {
  const overdue = params.get("overdue") === "1";
  return {
    function: paramChoice(params, "function", FUNCTIONS),
    // Only open conversations can be overdue (the API refuses the rest).
    status: overdue ? "OPEN" : (paramChoice(params, "status", STATUSES) ?? "OPEN"),
    overdue,
    mine: params.get("owner") === "mine",
  };
}

export function queueVariables(
  filters: QueueFilters,
  viewerName: string,
  first: number,
  after: string | null,
): QueueConversationsQueryVariables {
  return {
    function: filters.function,
    owner: filters.mine ? viewerName : null,
    status: filters.status,
    overdue: filters.overdue,
    first,
    after,
  };
}

/** What the list shows, as one string: a new one starts paging from the first page. */
export function filtersKey(filters: QueueFilters): string {
  return [filters.function, filters.status, filters.overdue, filters.mine].join("|");
}
