// The queue itself: the conversations the filters select, in the API's order (most urgent
// first), each a link that opens it in the detail pane beside the list.
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { useQuery } from "urql";
import { CursorPager, useCursorPages } from "../../components/CursorPager";
import { withParam } from "../../components/FilterTabs";
import { PersonName } from "../../components/PersonName";
import { Empty, ErrorNote, Loading } from "../../components/QueryState";
import { useSession } from "../../auth/ViewerContext";
import { QueueConversationsDocument, type QueueItemFragment } from "../../gql/graphql";
import { AuthorBadges, DueNote, PriorityBadge } from "./Badges";
import { filtersKey, queueVariables, type QueueFilters } from "./filters";

const PAGE = 25;

/** The page of the queue the filters select, and its paging. */
export function useQueuePage(filters: QueueFilters) {
  const { viewer } = useSession();
  const pages = useCursorPages(filtersKey(filters));
  const [result, retry] = useQuery({
    query: QueueConversationsDocument,
    variables: queueVariables(filters, viewer.name, PAGE, pages.after),
  });
  return { result, pages, retry: () => retry({ requestPolicy: "network-only" }) };
}

export function QueueList({
  page: { result, pages, retry },
  selected,
  now,
  onChoose,
}: {
  page: ReturnType<typeof useQueuePage>;
  selected: string | null;
  now: number;
  onChoose(): void;
}) {
  const { t } = useTranslation("queue");
  const headingId = useId();
  const { data, error, fetching } = result;
  const edges = data?.responseQueue.edges ?? [];
  return (
    <section className="queue-list" aria-labelledby={headingId} aria-busy={fetching}>
      <h2 id={headingId} className="visually-hidden">
        {t("list.heading")}
      </h2>
      {error && <ErrorNote error={error} retry={retry} />}
      {fetching && !data && <Loading />}
      {data && edges.length === 0 && <Empty>{t("list.empty")}</Empty>}
      {edges.length > 0 && (
        <ol className="conversation-list">
          {edges.map(({ node }) => (
            <li key={node.id} data-conversation={node.id}>
              <QueueItem
                conversation={node}
                current={node.id === selected}
                now={now}
                onChoose={onChoose}
              />
            </li>
          ))}
        </ol>
      )}
      <CursorPager pages={pages} pageInfo={data?.responseQueue.pageInfo} label={t("list.pager")} />
    </section>
  );
}

function QueueItem({
  conversation,
  current,
  now,
  onChoose,
}: {
  conversation: QueueItemFragment;
  current: boolean;
  now: number;
  onChoose(): void;
}) {
  const { t } = useTranslation("queue");
  const [params] = useSearchParams();
  const { author, post } = conversation;
  return (
    <Link
      className="conversation-item"
      to={{ search: withParam(params, "conversation", conversation.id) }}
      aria-current={current ? "true" : undefined}
      onClick={onChoose}
    >
      <span className="item-line">
        <PriorityBadge priority={conversation.priority} />
        <DueNote conversation={conversation} now={now} />
        <span className="item-kind">
          {t(`function.${conversation.function}`)}
          {conversation.intent && ` · ${t(`intent.${conversation.intent}`)}`}
        </span>
      </span>
      <span className="item-line item-author">
        {author ? <PersonName person={author} link={false} /> : t("list.unknownAuthor")}
        {author && <AuthorBadges author={author} />}
      </span>
      {post && (
        <span className="post-text excerpt">
          <bdi>{post.text}</bdi>
        </span>
      )}
      <span className="item-line item-owner">
        {conversation.owner ? (
          <>
            {t("list.owner")}: <bdi>{conversation.owner}</bdi>
          </>
        ) : (
          t("list.unassigned")
        )}
        {conversation.channel && (
          <>
            {" · "}
            <bdi>{conversation.channel}</bdi>
          </>
        )}
      </span>
    </Link>
  );
}
