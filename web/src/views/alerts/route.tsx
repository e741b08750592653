// Alerts: those raised while the app is open at the top as they come (announced to screen
// readers), then the stored ones, page after page. Opening the page marks them seen.
import { useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "urql";
import { useAlertsFeed } from "../../app/alertsFeed";
import { Allowed } from "../../auth/ViewerContext";
import { Page } from "../../components/Page";
import { Empty, ErrorNote, Loading } from "../../components/QueryState";
import {
  AlertsScanDocument,
  AlertsStoredDocument,
  type AlertItemFragment,
} from "../../gql/graphql";
import { AlertCard } from "./AlertCard";
import "./alerts.css";

const PAGE = 20;

export function Component() {
  const { t } = useTranslation("alerts");
  const { live, interrupted, markSeen } = useAlertsFeed();
  // While the page is open every alert is seen as it arrives: the badge stays at zero.
  useEffect(() => markSeen(), [live, markSeen]);
  const liveId = useId();
  const storedId = useId();
  const [pages, setPages] = useState<readonly (string | null)[]>([null]);
  const shownLive = new Set(live.map((alert) => alert.id));

  return (
    <Page
      title={t("title")}
      intro={t("intro")}
      actions={
        <Allowed role="MANAGER">
          <ScanNow />
        </Allowed>
      }
    >
      <p className={interrupted ? "alerts-status interrupted" : "alerts-status"}>
        {interrupted ? t("status.interrupted") : t("status.live")}
      </p>
      <Announcer latest={live[0]} />
      {live.length > 0 && (
        <section aria-labelledby={liveId}>
          <h2 id={liveId}>{t("live.title")}</h2>
          <ol className="alert-list" data-testid="live-alerts">
            {live.map((alert) => (
              <li key={alert.id}>
                <AlertCard alert={alert} isNew />
              </li>
            ))}
          </ol>
        </section>
      )}
      <section aria-labelledby={storedId}>
        <h2 id={storedId}>{t(live.length > 0 ? "stored.earlier" : "stored.title")}</h2>
        {pages.map((after, index) => (
          <StoredPage
            key={after ?? ""}
            after={after}
            skip={shownLive}
            none={index === 0 ? t(live.length > 0 ? "stored.noneEarlier" : "stored.none") : null}
            onMore={index === pages.length - 1 ? (next) => setPages([...pages, next]) : null}
          />
        ))}
      </section>
    </Page>
  );
}

/** One page of stored alerts, without those already shown live. */
function StoredPage({
  after,
  skip,
  none,
  onMore,
}: {
  after: string | null;
  skip: ReadonlySet<string>;
  /** What the first page says when it has nothing to show; null on the others. */
  none: string | null;
  /** Shows the next page; null on all but the last page shown. */
  onMore: ((after: string) => void) | null;
}) {
  const { t } = useTranslation("alerts");
  const [{ data, error, fetching }, retry] = useQuery({
    query: AlertsStoredDocument,
    variables: { first: PAGE, after },
  });
  if (error) {
    return <ErrorNote error={error} retry={() => retry({ requestPolicy: "network-only" })} />;
  }
  if (!data) return fetching ? <Loading /> : null;
  const alerts = data.alerts.edges.map((edge) => edge.node).filter((alert) => !skip.has(alert.id));
  const next = data.alerts.pageInfo.hasNextPage ? data.alerts.pageInfo.endCursor : null;
  return (
    <>
      {none !== null && alerts.length === 0 && next === null && <Empty>{none}</Empty>}
      {alerts.length > 0 && (
        <ol className="alert-list" data-testid="stored-alerts">
          {alerts.map((alert) => (
            <li key={alert.id}>
              <AlertCard alert={alert} />
            </li>
          ))}
        </ol>
      )}
      {onMore && next !== null && (
        <p>
          <button type="button" onClick={() => onMore(next)}>
            {t("stored.more")}
          </button>
        </p>
      )}
    </>
  );
}

/** Says a new alert's kind, politely, to screen readers; the alerts there when the page
 * opened are not news. */
function Announcer({ latest }: { latest: AlertItemFragment | undefined }) {
  const { t } = useTranslation("alerts");
  const [opened] = useState(latest?.id);
  const news = latest !== undefined && latest.id !== opened;
  return (
    <p className="visually-hidden" role="status" aria-live="polite" data-testid="alerts-announcer">
      {news ? t("announce", { kind: t(`kind.${latest.kind}`) }) : ""}
    </p>
  );
}

/** For managers: look for touchpoint spikes, new channels and at-risk influencers now. */
function ScanNow() {
  const { t } = useTranslation("alerts");
  const [{ data, error, fetching }, scan] = useMutation(AlertsScanDocument);
  return (
    <div className="alerts-scan">
      <button type="button" onClick={() => void scan({})} disabled={fetching}>
        {fetching ? t("scan.working") : t("scan.label")}
      </button>
      <span role="status">{data && t("scan.done", { count: data.scanAlerts.length })}</span>
      {error && <ErrorNote error={error} />}
    </div>
  );
}
