// Identity review: the links Osmosi proposes (person ↔ CRM customer, person ↔ person) with
// the evidence behind each; managers confirm or reject them, and undo applied ones. Links
// never disappear: decided ones stay in the applied and rejected lists, the audit trail.
import { useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { useQuery } from "urql";
import { CursorPager, useCursorPages } from "../../components/CursorPager";
import { ActionStatus } from "../../components/ActionForm";
import { FilterTabs, paramChoice, withParam } from "../../components/FilterTabs";
import { Page } from "../../components/Page";
import { Empty, ErrorNote, Loading } from "../../components/QueryState";
import { IdentityLinksDocument } from "../../gql/graphql";
import { useFormat } from "../../lib/format";
import { WeightsHint } from "./EvidenceTable";
import { LinkCard } from "./LinkCard";
import { KINDS, STATUSES, listOrder } from "./lists";
import "./identity.css";

const PAGE = 10;

export function Component() {
  const { t } = useTranslation("identity");
  const format = useFormat();
  const [params, setParams] = useSearchParams();
  const status = paramChoice(params, "status", STATUSES) ?? "PROPOSED";
  const kind = paramChoice(params, "kind", KINDS);
  const pages = useCursorPages(`${status}|${kind}`);
  const [{ data, error, fetching }, retry] = useQuery({
    query: IdentityLinksDocument,
    variables: { kind, status, order: listOrder(status), first: PAGE, after: pages.after },
  });
  const [message, setMessage] = useState("");
  const announcement = useRef<HTMLParagraphElement>(null);
  const kindId = useId();
  const weightsHintId = useId();
  const headingId = useId();
  const links = data?.identityLinks;

  function done(text: string) {
    // The link leaves this list: the focus goes to what happened to it. The list is read
    // again here too, as the document cache skips a query whose refresh after an earlier
    // decision is still on its way.
    setMessage(text);
    retry({ requestPolicy: "network-only" });
    announcement.current?.focus();
  }

  return (
    <Page title={t("title")} intro={t("intro")}>
      <FilterTabs
        label={t("status.label")}
        param="status"
        tabs={STATUSES.map((value) => ({
          value: value === "PROPOSED" ? null : value,
          label: t(`status.${value}`),
        }))}
      />
      <div className="identity-filters">
        <label htmlFor={kindId}>{t("kind.label")}</label>
        <select
          id={kindId}
          value={kind ?? ""}
          onChange={(event) =>
            setParams(new URLSearchParams(withParam(params, "kind", event.target.value || null)))
          }
        >
          <option value="">{t("kind.all")}</option>
          {KINDS.map((value) => (
            <option key={value} value={value}>
              {t(`kind.${value}`)}
            </option>
          ))}
        </select>
      </div>
      <ActionStatus ref={announcement} message={message} />
      <section className="identity-list" aria-labelledby={headingId} aria-busy={fetching}>
        <h2 id={headingId}>
          {t(`list.heading.${status}`)}
          {links?.totalCount != null && (
            <span className="list-count">
              {" · "}
              {t("list.count", { total: format.number(links.totalCount) })}
            </span>
          )}
        </h2>
        {error && (
          <ErrorNote error={error} retry={() => retry({ requestPolicy: "network-only" })} />
        )}
        {fetching && !data && <Loading />}
        <p className="hint">{t(`list.order.${listOrder(status)}`)}</p>
        {links && links.edges.length === 0 && <Empty>{t(`list.empty.${status}`)}</Empty>}
        {links && links.edges.length > 0 && <WeightsHint id={weightsHintId} />}
        <div className="link-list">
          {links?.edges.map(({ node }) => (
            <LinkCard key={node.id} link={node} weightsHintId={weightsHintId} onDone={done} />
          ))}
        </div>
        <CursorPager pages={pages} pageInfo={links?.pageInfo} label={t("list.pager")} />
      </section>
    </Page>
  );
}
