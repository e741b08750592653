// The person's posts, newest first and paged: each with where and when it was posted, a
// link to the original, what the analysis found in it, and what it answers or passes on.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useClient, useQuery, type CombinedError } from "urql";
import { PersonName, Handle } from "../../components/PersonName";
import { Empty, ErrorNote, Loading } from "../../components/QueryState";
import { SentimentBadge } from "../../components/Sentiment";
import {
  PersonViewOriginalDocument,
  PersonViewPostsDocument,
  PersonViewThreadDocument,
  type PersonViewPostFragment,
  type PersonViewPostPageFragment,
} from "../../gql/graphql";
import { useFormat } from "../../lib/format";
import { safeHref } from "../../lib/safe";
import type { PersonView } from "./route";
import { channelVenue, groupAspects, keyWords, threadDepths } from "./shaping";
import { topicLabel } from "../../lib/topics";

export const POSTS_PAGE = 20;
const METRICS = ["likes", "shares", "replies"] as const;
/** Posts of a conversation shown at most (the API allows 1000). */
const THREAD_POSTS = 200;

interface LaterPages {
  /** The pages read after the first belong to this version of the list. */
  of: string;
  pages: PersonViewPostPageFragment[];
}

export function PostsSection({ person }: { person: PersonView }) {
  const { t } = useTranslation("person");
  const format = useFormat();
  const client = useClient();
  const first = person.posts;
  // A merge or a split changes the list: pages read before it no longer follow on.
  const version = `${first.totalCount ?? ""}:${first.edges[0]?.node.id ?? ""}`;
  const [later, setLater] = useState<LaterPages>({ of: version, pages: [] });
  const [reading, setReading] = useState(false);
  const [error, setError] = useState<CombinedError | undefined>();
  const pages = later.of === version ? later.pages : [];
  const last = (pages.at(-1) ?? first).pageInfo;
  const next = last.hasNextPage ? last.endCursor : null;

  async function readMore(after: string) {
    setReading(true);
    const result = await client
      .query(PersonViewPostsDocument, { id: person.id, first: POSTS_PAGE, after })
      .toPromise();
    setReading(false);
    setError(result.error);
    const page = result.data?.person?.posts;
    if (page) setLater({ of: version, pages: [...pages, page] });
  }

  const posts = [first, ...pages].flatMap((page) => page.edges.map((edge) => edge.node));
  return (
    <section className="panel person-section" aria-labelledby="person-posts">
      <div className="section-head">
        <h2 id="person-posts">{t("posts.title")}</h2>
        {first.totalCount != null && (
          <span className="hint" data-testid="posts-count">
            {t("posts.shown", {
              shown: format.number(posts.length),
              total: format.number(first.totalCount),
            })}
          </span>
        )}
      </div>
      {posts.length === 0 ? (
        <Empty>{t("posts.none")}</Empty>
      ) : (
        <ol className="post-list">
          {posts.map((post) => (
            <li key={post.id}>
              <PostItem post={post} />
            </li>
          ))}
        </ol>
      )}
      {error && <ErrorNote error={error} />}
      {next && (
        <button type="button" disabled={reading} onClick={() => void readMore(next)}>
          {reading ? t("posts.reading") : t("posts.more")}
        </button>
      )}
    </section>
  );
}

function PostItem({ post }: { post: PersonViewPostFragment }) {
  const { t } = useTranslation("person");
  const format = useFormat();
  const original = safeHref(post.url);
  const answers = post.replyToId ?? post.sharesId;
  return (
    <article className="post">
      <div className="post-meta">
        {post.author ? (
          <Handle platform={post.author.platform} handle={post.author.handle} />
        ) : (
          <span className="platform">{post.platform}</span>
        )}
        {post.channelId && (
          <span className="post-channel">
            {t("posts.in")} <bdi>{channelVenue(post.channelId)}</bdi>
          </span>
        )}
        <time dateTime={post.createdAt}>{format.dateTime(post.createdAt)}</time>
        {original && (
          <a href={original} rel="noopener noreferrer nofollow" target="_blank">
            {t("posts.original")}
          </a>
        )}
      </div>
      {answers && (
        <AnsweredPost
          id={answers}
          postId={post.id}
          kind={post.replyToId ? "reply" : post.shareKind === "QUOTE" ? "quote" : "repost"}
        />
      )}
      <p className="post-text" lang={post.language ?? undefined}>
        <bdi>{post.text}</bdi>
      </p>
      <PostAnalysis post={post} />
    </article>
  );
}

function PostAnalysis({ post }: { post: PersonViewPostFragment }) {
  const { t } = useTranslation("person");
  const format = useFormat();
  const groups = groupAspects(post.aspects);
  // Only what happened: an unknown count is not zero, and "0 likes" says nothing.
  const metrics = METRICS.flatMap((name) => {
    const value = post.metrics[name];
    return value ? [[name, value] as const] : [];
  });
  return (
    <div className="post-analysis">
      {post.sentiment && <SentimentBadge {...post.sentiment} />}
      {post.intent && post.intent !== "OTHER" && (
        <span className="badge intent">{t(`intent.${post.intent}`)}</span>
      )}
      {groups.map((group) => (
        <span key={group.target} className="aspect-group">
          <span className="label">{t(`aspects.${group.target}`)}</span>
          <ul>
            {group.opinions.map((opinion) => (
              <li key={opinion.key}>
                <span className={`badge sentiment-${opinion.label.toLowerCase()}`}>
                  {keyWords(opinion.key)} {format.signed(opinion.score)}
                  <span className="visually-hidden">
                    {" "}
                    ({t(`common:sentiment.${opinion.label}`)})
                  </span>
                </span>
              </li>
            ))}
          </ul>
        </span>
      ))}
      {post.topics.length > 0 && (
        <ul className="post-topics" aria-label={t("posts.topics")}>
          {post.topics.map((topic) => (
            <li key={topic}>
              <bdi>{topicLabel(topic)}</bdi>
            </li>
          ))}
        </ul>
      )}
      {metrics.length > 0 && (
        <span className="post-metrics">
          {metrics
            .map(([name, value]) =>
              t(`posts.metrics.${name}`, { count: value, n: format.number(value) }),
            )
            .join(" · ")}
        </span>
      )}
    </div>
  );
}

/** What a reply answers (or a share passes on), read when the reader opens it; then the
 * whole conversation, on request. */
function AnsweredPost({
  id,
  postId,
  kind,
}: {
  id: string;
  postId: string;
  kind: "reply" | "quote" | "repost";
}) {
  const { t } = useTranslation("person");
  const [open, setOpen] = useState(false);
  return (
    <details className="post-context" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>{t(`posts.context.${kind}`)}</summary>
      {open && <OriginalPost id={id} postId={postId} />}
    </details>
  );
}

function OriginalPost({ id, postId }: { id: string; postId: string }) {
  const { t } = useTranslation("person");
  const format = useFormat();
  const [thread, setThread] = useState(false);
  const [{ data, error, fetching }] = useQuery({
    query: PersonViewOriginalDocument,
    variables: { id },
  });
  if (error) return <ErrorNote error={error} />;
  if (!data) return fetching ? <Loading /> : null;
  const original = data.post;
  if (!original) return <Empty>{t("posts.context.missing")}</Empty>;
  const href = safeHref(original.url);
  return (
    <div className="original-post">
      <div className="post-meta">
        {original.author?.person && <PersonName person={original.author.person} />}
        {original.author && (
          <Handle platform={original.author.platform} handle={original.author.handle} />
        )}
        <time dateTime={original.createdAt}>{format.dateTime(original.createdAt)}</time>
        {original.sentiment && <SentimentBadge {...original.sentiment} />}
        {href && (
          <a href={href} rel="noopener noreferrer nofollow" target="_blank">
            {t("posts.original")}
          </a>
        )}
      </div>
      <p className="post-text">
        <bdi>{original.text}</bdi>
      </p>
      {thread ? (
        <Conversation postId={postId} />
      ) : (
        <button type="button" onClick={() => setThread(true)}>
          {t("posts.context.thread")}
        </button>
      )}
    </div>
  );
}

function Conversation({ postId }: { postId: string }) {
  const { t } = useTranslation("person");
  const format = useFormat();
  const [{ data, error, fetching }] = useQuery({
    query: PersonViewThreadDocument,
    variables: { postId, first: THREAD_POSTS },
  });
  if (error) return <ErrorNote error={error} />;
  if (!data) return fetching ? <Loading /> : null;
  if (!data.thread) return <Empty>{t("posts.context.noThread")}</Empty>;
  const depths = threadDepths(data.thread.posts);
  return (
    <div className="conversation">
      <h3 className="visually-hidden">{t("posts.context.threadTitle")}</h3>
      <ol>
        {data.thread.posts.map((post) => (
          <li
            key={post.id}
            className={post.id === postId ? "conversation-post current" : "conversation-post"}
            style={{ marginInlineStart: `${Math.min(depths.get(post.id) ?? 0, 8) * 1.25}rem` }}
            aria-current={post.id === postId ? "true" : undefined}
          >
            <div className="post-meta">
              {post.author?.person && <PersonName person={post.author.person} />}
              {post.author && (
                <Handle platform={post.author.platform} handle={post.author.handle} />
              )}
              <time dateTime={post.createdAt}>{format.dateTime(post.createdAt)}</time>
            </div>
            <p className="post-text">
              <bdi>{post.text}</bdi>
            </p>
          </li>
        ))}
      </ol>
      {data.thread.truncated && (
        <p className="hint">{t("posts.context.truncated", { n: format.number(THREAD_POSTS) })}</p>
      )}
    </div>
  );
}
