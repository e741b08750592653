// One conversation in full beside the list: the post as written, who is asking, how it was
// routed and where it stands, and (for managers, while it is open) what to do with it.
import { useEffect, useId, useRef, type RefObject } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useQuery } from "urql";
import { Allowed } from "../../auth/ViewerContext";
import { Handle, PersonName, personLabel } from "../../components/PersonName";
import { Empty, ErrorNote, Loading } from "../../components/QueryState";
import { SentimentBadge } from "../../components/Sentiment";
import { QueueConversationDocument, type QueueDetailFragment } from "../../gql/graphql";
import { useFormat } from "../../lib/format";
import { safeHref } from "../../lib/safe";
import { customerStanding, influencePercentile } from "./author";
import { DueNote, PriorityBadge } from "./Badges";
import { ConversationActions, type DoneHandler } from "./ConversationActions";

export function ConversationPane({
  id,
  now,
  focusRequested,
  onDone,
}: {
  id: string | null;
  now: number;
  /** Set when the reader chose a conversation: its heading then takes the focus. */
  focusRequested: RefObject<boolean>;
  onDone: DoneHandler;
}) {
  const { t } = useTranslation("queue");
  return (
    <div className="conversation-pane">
      {id === null ? (
        <p className="empty">{t("detail.none")}</p>
      ) : (
        <ConversationDetail
          key={id}
          id={id}
          now={now}
          focusRequested={focusRequested}
          onDone={onDone}
        />
      )}
    </div>
  );
}

function ConversationDetail({
  id,
  now,
  focusRequested,
  onDone,
}: {
  id: string;
  now: number;
  focusRequested: RefObject<boolean>;
  onDone: DoneHandler;
}) {
  const { t } = useTranslation("queue");
  const [{ data, error, fetching }, retry] = useQuery({
    query: QueueConversationDocument,
    variables: { id },
  });
  const heading = useRef<HTMLHeadingElement>(null);
  const headingId = useId();
  const conversation = data?.conversation;
  useEffect(() => {
    if (conversation && focusRequested.current) {
      focusRequested.current = false;
      heading.current?.focus();
    }
  }, [conversation, focusRequested]);

  if (error) {
    return <ErrorNote error={error} retry={() => retry({ requestPolicy: "network-only" })} />;
  }
  if (fetching && !data) return <Loading />;
  if (!conversation) return <Empty>{t("detail.missing")}</Empty>;
  const { author, post } = conversation;
  const postHref = safeHref(post?.url);
  return (
    <section aria-labelledby={headingId} className="panel conversation-detail">
      <h2 id={headingId} ref={heading} tabIndex={-1}>
        {t(`detail.heading.${conversation.intent ?? "none"}`)}{" "}
        {author ? <bdi>{personLabel(author)}</bdi> : t("list.unknownAuthor")}
      </h2>
      <p className="detail-badges">
        <PriorityBadge priority={conversation.priority} />
        <DueNote conversation={conversation} now={now} />
        {post?.sentiment && (
          <SentimentBadge label={post.sentiment.label} score={post.sentiment.score} />
        )}
      </p>
      {post && (
        <blockquote className="post-text">
          <bdi>{post.text}</bdi>
        </blockquote>
      )}
      <p className="detail-links">
        {postHref && (
          <a href={postHref} target="_blank" rel="noreferrer noopener">
            {t("detail.openPost")}
          </a>
        )}
        {author && (
          <Link to={`/people/${encodeURIComponent(author.id)}`}>{t("detail.openPerson")}</Link>
        )}
      </p>
      <Allowed role="MANAGER">
        {conversation.status === "OPEN" && (
          <ConversationActions conversationId={conversation.id} onDone={onDone} />
        )}
      </Allowed>
      <div className="detail-columns">
        {author && <AuthorFacts author={author} />}
        <ConversationFacts conversation={conversation} />
      </div>
    </section>
  );
}

function AuthorFacts({ author }: { author: NonNullable<QueueDetailFragment["author"]> }) {
  const { t } = useTranslation("queue");
  const { t: tc } = useTranslation("common");
  const format = useFormat();
  const influence = influencePercentile(author);
  const standing = customerStanding(author);
  return (
    <div>
      <h3>{t("detail.asker")}</h3>
      <p className="asker">
        <PersonName person={author} />{" "}
        {/* Without a name, the first handle already stands for the person. */}
        {author.accounts.slice(author.displayName ? 0 : 1).map((account) => (
          <Handle key={`${account.platform}:${account.handle}`} {...account} />
        ))}
      </p>
      <dl className="facts">
        <dt>{t("author.influence")}</dt>
        <dd>
          {influence === null
            ? t("author.notRanked")
            : influence === 0
              ? t("author.leastInfluential")
              : t("author.influenceText", { share: format.percent(influence) })}
        </dd>
        <dt>{t("author.class")}</dt>
        <dd>
          {author.advocacyClass
            ? tc(`advocacyClass.${author.advocacyClass}`)
            : t("author.notRanked")}
        </dd>
        <dt>{t("author.standing")}</dt>
        <dd>
          {!standing.customer
            ? t("author.notCustomer")
            : standing.lifetimeValue === null
              ? t("author.customer")
              : t("author.customerValue", { value: format.number(standing.lifetimeValue) })}
        </dd>
      </dl>
    </div>
  );
}

function ConversationFacts({ conversation }: { conversation: QueueDetailFragment }) {
  const { t } = useTranslation("queue");
  const format = useFormat();
  const answerHref = safeHref(conversation.answer);
  return (
    <div>
      <h3>{t("detail.facts")}</h3>
      <dl className="facts">
        <dt>{t("detail.status")}</dt>
        <dd>{t(`status.${conversation.status}`)}</dd>
        <dt>{t("detail.function")}</dt>
        <dd>{t(`function.${conversation.function}`)}</dd>
        {conversation.channel && (
          <>
            <dt>{t("detail.channel")}</dt>
            <dd>
              <bdi>{conversation.channel}</bdi>
            </dd>
          </>
        )}
        <dt>{t("detail.received")}</dt>
        <dd>{format.dateTime(conversation.receivedAt)}</dd>
        <dt>{t("detail.due")}</dt>
        <dd>{format.dateTime(conversation.dueAt)}</dd>
        <dt>{t("detail.routedBy")}</dt>
        <dd>
          <bdi>{conversation.rule}</bdi>
        </dd>
        <dt>{t("detail.reviewers")}</dt>
        <dd>
          {conversation.reviewers.length === 0
            ? t("detail.noReviewers")
            : conversation.reviewers.map((reviewer, index) => (
                <span key={reviewer}>
                  {index > 0 && ", "}
                  <bdi>{reviewer}</bdi>
                </span>
              ))}
        </dd>
        <dt>{t("detail.owner")}</dt>
        <dd>{conversation.owner ? <bdi>{conversation.owner}</bdi> : t("list.unassigned")}</dd>
        {conversation.status === "ANSWERED" && (
          <>
            <dt>{t("detail.answeredAt")}</dt>
            <dd>{format.dateTime(conversation.answeredAt)}</dd>
            <dt>{t("detail.answeredBy")}</dt>
            <dd>
              <bdi>{conversation.answeredBy}</bdi>
            </dd>
            <dt>{t("detail.answer")}</dt>
            <dd className="answer-text">
              {answerHref ? (
                <a href={answerHref} target="_blank" rel="noreferrer noopener">
                  <bdi>{conversation.answer}</bdi>
                </a>
              ) : (
                <bdi>{conversation.answer}</bdi>
              )}
            </dd>
            <dt>{t("detail.firstResponse")}</dt>
            <dd>{format.duration(conversation.firstResponseSeconds)}</dd>
            <dt>{t("detail.withinTarget")}</dt>
            <dd>{conversation.withinTarget ? t("detail.yes") : t("detail.no")}</dd>
          </>
        )}
        {conversation.status === "DISMISSED" && (
          <>
            <dt>{t("detail.dismissedReason")}</dt>
            <dd className="answer-text">
              <bdi>{conversation.dismissedReason}</bdi>
            </dd>
          </>
        )}
        {conversation.closedBy && (
          <>
            <dt>{t("detail.closedBy")}</dt>
            <dd>
              <bdi>{conversation.closedBy}</bdi>
            </dd>
          </>
        )}
      </dl>
    </div>
  );
}
