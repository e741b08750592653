// One alert: what kind it is, when it was raised, what it is about (a person, a touchpoint,
// a channel), its figures in words, and the post it is about. Post texts, names and channel
// ids come from social platforms: text only, isolated, and the original post linked only
// when its address is an ordinary web one.
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { PersonName } from "../../components/PersonName";
import type { AlertItemFragment } from "../../gql/graphql";
import { useFormat } from "../../lib/format";
import { safeHref } from "../../lib/safe";
import { figureWords, trendsLink } from "./wording";

export function AlertCard({ alert, isNew = false }: { alert: AlertItemFragment; isNew?: boolean }) {
  const { t } = useTranslation("alerts");
  const format = useFormat();
  const headingId = useId();
  const trends = trendsLink(alert);
  return (
    <article
      className={`alert-card alert-${alert.kind.toLowerCase().replaceAll("_", "-")}`}
      aria-labelledby={headingId}
      data-alert-id={alert.id}
    >
      <header className="alert-head">
        <h3 id={headingId}>{t(`kind.${alert.kind}`)}</h3>
        {isNew && <span className="badge alert-new">{t("new")}</span>}
        <time dateTime={alert.raisedAt}>{format.dateTime(alert.raisedAt)}</time>
      </header>
      <Subject alert={alert} />
      <ul className="alert-figures">
        {figureWords(alert, t, format).map((words) => (
          <li key={words}>{words}</li>
        ))}
      </ul>
      {alert.post && <AlertPost post={alert.post} />}
      {trends && (
        <p>
          <Link to={trends}>{t(`trends.${alert.kind}`)}</Link>
        </p>
      )}
    </article>
  );
}

function Subject({ alert }: { alert: AlertItemFragment }) {
  const { t } = useTranslation("alerts");
  switch (alert.kind) {
    case "NEGATIVE_INFLUENCER":
    case "AT_RISK_INFLUENCER":
      return (
        <p className="alert-subject">
          {alert.person ? (
            <>
              {t("subject.person")} <PersonName person={alert.person} />
            </>
          ) : (
            t("subject.erased")
          )}
        </p>
      );
    case "SENTIMENT_SPIKE":
      return (
        <p className="alert-subject">
          {t("subject.touchpoint")} <bdi className="alert-key">{alert.subject}</bdi>
        </p>
      );
    case "CHANNEL_SURGE":
      return (
        <p className="alert-subject">
          {t("subject.channel")} <bdi className="alert-key">{alert.subject}</bdi>
        </p>
      );
  }
}

function AlertPost({ post }: { post: NonNullable<AlertItemFragment["post"]> }) {
  const { t } = useTranslation("alerts");
  const format = useFormat();
  const original = safeHref(post.url);
  return (
    <figure className="alert-post">
      <blockquote className="post-text">
        <bdi>{post.text}</bdi>
      </blockquote>
      <figcaption>
        {t("post.written", { platform: post.platform, when: format.dateTime(post.createdAt) })}
        {original && (
          <>
            {" · "}
            <a href={original} target="_blank" rel="noopener noreferrer">
              {t("post.original")}
            </a>
          </>
        )}
      </figcaption>
    </figure>
  );
}
