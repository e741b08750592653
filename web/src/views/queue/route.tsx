// The response queue: conversations that need a person's answer, by business function,
// most urgent first; a list beside the chosen conversation, where managers assign it, record
// its answer or dismiss it. Below, how fast answers come (per function and week) and the
// questions left waiting.
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { useQuery } from "urql";
import { ActionStatus } from "../../components/ActionForm";
import { FilterTabs, type FilterTab } from "../../components/FilterTabs";
import { Page } from "../../components/Page";
import { ErrorNote } from "../../components/QueryState";
import { QueueMetricsDocument } from "../../gql/graphql";
import { ConversationPane } from "./ConversationPane";
import { FUNCTIONS, readFilters } from "./filters";
import { MetricsSection } from "./MetricsSection";
import { countsByFunction } from "./metrics";
import { QueueFiltersBar } from "./QueueFiltersBar";
import { QueueList, useQueuePage } from "./QueueList";
import { UnansweredSection } from "./UnansweredSection";
import { useNow } from "./useNow";
import "./queue.css";

export function Component() {
  const { t } = useTranslation("queue");
  const [params] = useSearchParams();
  const filters = readFilters(params);
  const queue = useQueuePage(filters);
  // Nothing chosen yet: the most urgent conversation is the one to look at.
  const selected =
    params.get("conversation") ?? queue.result.data?.responseQueue.edges[0]?.node.id ?? null;
  const now = useNow();
  const focusPane = useRef(false);
  const status = useRef<HTMLParagraphElement>(null);
  const [message, setMessage] = useState("");
  const [metrics, refreshMetrics] = useQuery({ query: QueueMetricsDocument });
  const rows = metrics.data?.responseMetrics ?? [];
  const counts = countsByFunction(rows);

  const tabs: FilterTab[] = [
    { value: null, label: t("function.all") },
    ...FUNCTIONS.map((fn) => {
      const count = counts.get(fn);
      return {
        value: fn,
        label: (
          <>
            {t(`function.${fn}`)}
            {count && count.open > 0 && (
              <span className={count.overdue > 0 ? "badge tab-count late" : "badge tab-count"}>
                {count.open}
                <span className="visually-hidden">
                  {" "}
                  ({t("tabCounts", { open: count.open, overdue: count.overdue })})
                </span>
              </span>
            )}
          </>
        ),
      };
    }),
  ];

  // The document cache refreshes what holds the conversation changed, but not a query whose
  // refresh after an earlier action is still on its way: read the list again, and the
  // metrics (and tab counts) once a conversation closes.
  function done(text: string, closed: boolean) {
    setMessage(text);
    queue.retry();
    if (closed) {
      refreshMetrics({ requestPolicy: "network-only" });
      status.current?.focus();
    }
  }

  return (
    <Page title={t("title")} intro={t("intro")}>
      <FilterTabs
        label={t("function.label")}
        param="function"
        tabs={tabs}
        reset={["conversation"]}
      />
      <QueueFiltersBar filters={filters} />
      <ActionStatus ref={status} message={message} />
      <div className="queue-workspace">
        <QueueList
          page={queue}
          selected={selected}
          now={now}
          onChoose={() => (focusPane.current = true)}
        />
        <ConversationPane id={selected} now={now} focusRequested={focusPane} onDone={done} />
      </div>
      {metrics.error ? (
        <ErrorNote
          error={metrics.error}
          retry={() => refreshMetrics({ requestPolicy: "network-only" })}
        />
      ) : (
        metrics.data && <MetricsSection rows={rows} only={filters.function} />
      )}
      <UnansweredSection now={now} onChoose={() => (focusPane.current = true)} />
    </Page>
  );
}
