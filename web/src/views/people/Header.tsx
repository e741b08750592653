// Who the person is: their name, where they stand (the brand's own account or staff, advocacy
// class and how sure it is, customer, programme, community), what they talk about, and their
// accounts on each platform.
import { useTranslation } from "react-i18next";
import { AffiliationBadge, ClassBadge } from "../../components/Badges";
import { Certainty } from "../../components/Certainty";
import { stanceFromFactors } from "../../lib/certainty";
import { CommunityLink } from "../../components/community/CommunityLink";
import { useCommunityRanks } from "../../components/community/ranks";
import { Handle, personLabel } from "../../components/PersonName";
import { useFormat } from "../../lib/format";
import { safeHref } from "../../lib/safe";
import type { PersonView } from "./route";
import { topicLabel } from "../../lib/topics";

export function PersonHeader({ person }: { person: PersonView }) {
  const { t } = useTranslation("person");
  const { t: tc } = useTranslation("common");
  const format = useFormat();
  const { advocacyClass, affiliation, community, programme, topics } = person;
  const ranks = useCommunityRanks();
  const advocacy = person.scores.find((score) => score.name === "advocacy");
  const stance = advocacyClass && advocacy ? stanceFromFactors(advocacyClass, advocacy.factors) : null;
  return (
    <header className="person-head">
      <h1 id="person-name">
        <bdi>{personLabel(person)}</bdi>
      </h1>
      <ul className="person-standing" aria-label={t("header.standing")}>
        {affiliation && (
          <li data-testid="affiliation">
            <AffiliationBadge affiliation={affiliation} />{" "}
            <span className="hint">{t("header.keptOut")}</span>
          </li>
        )}
        {advocacyClass && (
          <li>
            <ClassBadge advocacyClass={advocacyClass} />
            {stance && (
              <>
                {" "}
                <span className="hint">
                  <Certainty stance={stance} />
                </span>
              </>
            )}
          </li>
        )}
        <li>
          <span className={person.customers.length > 0 ? "badge is-customer" : "badge"}>
            {t(person.customers.length > 0 ? "header.customer" : "header.notCustomer")}
          </span>
        </li>
        <li>
          <span className="badge">
            {programme
              ? t("header.programme", { status: tc(`programmeStatus.${programme.status}`) })
              : t("header.noProgramme")}
          </span>
        </li>
        <li>
          {community ? (
            <>
              {ranks ? <CommunityLink id={community.id} ranks={ranks} /> : null}{" "}
              <span className="hint">
                {t("header.members", { count: community.size, n: format.number(community.size) })}
                {community.topTopics.length > 0 && (
                  <>
                    {" · "}
                    <bdi>{community.topTopics.slice(0, 3).map(topicLabel).join(" · ")}</bdi>
                  </>
                )}
              </span>
            </>
          ) : (
            <span className="badge">{t("header.noCommunity")}</span>
          )}
        </li>
      </ul>
      {topics.length > 0 && (
        <div className="person-topics">
          <span className="label">{t("header.talksAbout")}</span>
          <ul className="chips" aria-label={t("header.talksAbout")}>
            {topics.map((topic) => (
              <li key={topic.key}>
                <bdi>{topicLabel(topic.display)}</bdi>{" "}
                <span className="chip-count">{format.number(topic.posts)}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      <section className="person-accounts" aria-labelledby="person-accounts">
        <h2 id="person-accounts">{t("accounts.title")}</h2>
        <ul className="account-list">
          {person.accounts.map((account) => (
            <li key={account.id} className="account-card">
              <Handle platform={account.platform} handle={account.handle} />
              {account.displayName && (
                <span className="account-name">
                  <bdi>{account.displayName}</bdi>
                </span>
              )}
              <span className="account-followers">
                {account.followers == null
                  ? t("accounts.followersUnknown")
                  : t("accounts.followers", {
                      count: account.followers,
                      n: format.number(account.followers),
                    })}
              </span>
              <ProfileLinks url={account.url} links={account.links} platform={account.platform} />
            </li>
          ))}
        </ul>
      </section>
    </header>
  );
}

/** The profile's own link and the sites it shows; an address that is not an ordinary web
 * address is shown as text, never followed. */
function ProfileLinks({
  url,
  links,
  platform,
}: {
  url: string | null;
  links: readonly string[];
  platform: string;
}) {
  const { t } = useTranslation("person");
  const profile = safeHref(url);
  if (!profile && links.length === 0) return null;
  return (
    <ul className="account-links">
      {profile && (
        <li>
          <a href={profile} rel="noopener noreferrer nofollow" target="_blank">
            {t("accounts.profile", { platform })}
          </a>
        </li>
      )}
      {links.map((link) => {
        const href = safeHref(link);
        return (
          <li key={link}>
            {href ? (
              <a href={href} rel="noopener noreferrer nofollow" target="_blank">
                <bdi>{link}</bdi>
              </a>
            ) : (
              <bdi>{link}</bdi>
            )}
          </li>
        );
      })}
    </ul>
  );
}
