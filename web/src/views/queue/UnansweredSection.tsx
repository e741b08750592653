// The cemetery of unanswered questions: open questions older than a number of hours, most
// urgent first; each opens in the queue's detail pane.
import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { useQuery } from "urql";
import { CursorPager, useCursorPages } from "../../components/CursorPager";
import { withParam } from "../../components/FilterTabs";
import { PersonName } from "../../components/PersonName";
import { Empty, ErrorNote, Loading } from "../../components/QueryState";
import { QueueUnansweredDocument } from "../../gql/graphql";
import { useFormat } from "../../lib/format";
import { PriorityBadge } from "./Badges";
import { waitingSeconds } from "./due";

const PAGE = 10;
const DEFAULT_HOURS = 24;
const MAX_HOURS = 24 * 365;

export function UnansweredSection({ now, onChoose }: { now: number; onChoose(): void }) {
  const { t } = useTranslation("queue");
  const format = useFormat();
  const [params] = useSearchParams();
  const [hours, setHours] = useState(DEFAULT_HOURS);
  const pages = useCursorPages(String(hours));
  const fieldId = useId();
  const headingId = useId();
  const [{ data, error, fetching }, retry] = useQuery({
    query: QueueUnansweredDocument,
    variables: { olderThanHours: hours, first: PAGE, after: pages.after },
  });
  const edges = data?.unansweredQuestions.edges ?? [];

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = Number(new FormData(event.currentTarget).get("hours"));
    if (Number.isFinite(value)) setHours(Math.min(Math.max(value, 0), MAX_HOURS));
  }

  return (
    <section className="unanswered" aria-labelledby={headingId} aria-busy={fetching}>
      <h2 id={headingId}>{t("unanswered.heading")}</h2>
      <p className="intro">{t("unanswered.intro")}</p>
      <form className="inline-form" onSubmit={apply}>
        <label htmlFor={fieldId}>{t("unanswered.hours")}</label>
        <input
          id={fieldId}
          name="hours"
          type="number"
          min={0}
          max={MAX_HOURS}
          step="any"
          defaultValue={DEFAULT_HOURS}
          required
        />
        <button type="submit">{t("unanswered.apply")}</button>
      </form>
      {error && <ErrorNote error={error} retry={() => retry({ requestPolicy: "network-only" })} />}
      {fetching && !data && <Loading />}
      {data && edges.length === 0 && <Empty>{t("unanswered.empty")}</Empty>}
      {edges.length > 0 && (
        <div className="table-scroll">
          <table className="unanswered-table">
            <caption className="visually-hidden">{t("unanswered.heading")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("unanswered.question")}</th>
                <th scope="col">{t("unanswered.asker")}</th>
                <th scope="col">{t("unanswered.function")}</th>
                <th scope="col">{t("unanswered.waiting")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("unanswered.open")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {edges.map(({ node }) => (
                <tr key={node.id} data-conversation={node.id}>
                  <td>
                    <span className="post-text excerpt">
                      <bdi>{node.post?.text}</bdi>
                    </span>
                  </td>
                  <td>{node.author ? <PersonName person={node.author} /> : "–"}</td>
                  <td>
                    {t(`function.${node.function}`)} <PriorityBadge priority={node.priority} />
                  </td>
                  <td>{format.duration(waitingSeconds(node.receivedAt, now))}</td>
                  <td>
                    <Link
                      to={{ search: withParam(params, "conversation", node.id) }}
                      onClick={onChoose}
                    >
                      {t("unanswered.open")}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <CursorPager
        pages={pages}
        pageInfo={data?.unansweredQuestions.pageInfo}
        label={t("unanswered.pager")}
      />
    </section>
  );
}
