// One identity link: both sides, how confident Osmosi is and why, the decision taken (if
// any), and for managers what can be decided now.
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Allowed } from "../../auth/ViewerContext";
import { Handle, PersonName, personLabel } from "../../components/PersonName";
import type { IdentityReviewFragment, PersonLabelFragment } from "../../gql/graphql";
import { useFormat } from "../../lib/format";
import { decider } from "./decider";
import { EvidenceTable } from "./EvidenceTable";
import { LinkActions } from "./LinkActions";

type Customer = NonNullable<IdentityReviewFragment["customer"]>;

function customerName(customer: Customer): string {
  const name = [customer.firstName, customer.lastName].filter(Boolean).join(" ").trim();
  return name || customer.externalId;
}

export function LinkCard({
  link,
  weightsHintId,
  onDone,
}: {
  link: IdentityReviewFragment;
  /** The page's explanation of the weights, which the evidence table refers to. */
  weightsHintId: string;
  onDone(message: string): void;
}) {
  const { t } = useTranslation("identity");
  const format = useFormat();
  const headingId = useId();
  // An applied merge has no other person: their accounts are the person's until it is undone.
  const merged = link.kind === "PERSON_PERSON" && link.status === "APPLIED" && !link.otherPerson;
  const other =
    link.kind === "PERSON_CUSTOMER"
      ? link.customer && customerName(link.customer)
      : link.otherPerson
        ? personLabel(link.otherPerson)
        : merged && t("link.mergedProfile");
  return (
    <article className="panel link-card" aria-labelledby={headingId} data-link={link.id}>
      <div className="link-head">
        <h3 id={headingId}>
          <bdi>{link.person ? personLabel(link.person) : "–"}</bdi> {t("link.joins")}{" "}
          <bdi>{other ?? "–"}</bdi>
        </h3>
        <span className="badge kind">{t(`kind.${link.kind}`)}</span>
        <Confidence value={link.confidence} />
      </div>
      <div className="link-sides">
        <PersonSide title={t("link.person")} person={link.person} missing={t("link.gone")} />
        {link.kind === "PERSON_CUSTOMER" ? (
          <CustomerSide customer={link.customer} />
        ) : (
          <PersonSide
            title={t("link.otherPerson")}
            person={link.otherPerson}
            missing={merged ? t("link.merged") : t("link.gone")}
          />
        )}
      </div>
      <EvidenceTable kind={link.kind} evidence={link.evidence} hintId={weightsHintId} />
      <p className="link-dates">
        {t("link.proposed", { when: format.dateTime(link.proposedAt) })}
      </p>
      {link.status !== "PROPOSED" && <Decision link={link} />}
      <Allowed role="MANAGER">
        <LinkActions link={link} onDone={onDone} />
      </Allowed>
    </article>
  );
}

function Confidence({ value }: { value: number }) {
  const { t } = useTranslation("identity");
  const format = useFormat();
  return (
    <p className="confidence">
      {t("link.confidence")} <strong>{format.percent(value)}</strong>
      <span className="confidence-bar" aria-hidden="true">
        <span style={{ width: `${Math.round(value * 100)}%` }} />
      </span>
    </p>
  );
}

function PersonSide({
  title,
  person,
  missing,
}: {
  title: string;
  person: PersonLabelFragment | null;
  /** Why there is no person to show. */
  missing: string;
}) {
  return (
    <div className="link-side">
      <h4>{title}</h4>
      {person ? (
        <>
          <p>
            <PersonName person={person} />
          </p>
          <ul className="accounts">
            {person.accounts.map((account) => (
              <li key={`${account.platform}:${account.handle}`}>
                <Handle {...account} />
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="empty">{missing}</p>
      )}
    </div>
  );
}

function CustomerSide({ customer }: { customer: Customer | null }) {
  const { t } = useTranslation("identity");
  const format = useFormat();
  return (
    <div className="link-side">
      <h4>{t("link.customer")}</h4>
      {customer ? (
        <>
          <p>
            <bdi className="customer-name">{customerName(customer)}</bdi>
          </p>
          <dl className="customer-facts">
            <dt>{t("link.customerId")}</dt>
            <dd>
              <bdi>{customer.externalId}</bdi>
            </dd>
            {customer.email && (
              <>
                <dt>{t("link.email")}</dt>
                <dd>
                  <bdi>{customer.email}</bdi>
                </dd>
              </>
            )}
            {customer.city && (
              <>
                <dt>{t("link.city")}</dt>
                <dd>
                  <bdi>{customer.city}</bdi>
                </dd>
              </>
            )}
            {customer.lifetimeValue != null && (
              <>
                <dt>{t("link.lifetimeValue")}</dt>
                <dd>{format.number(customer.lifetimeValue, 2)}</dd>
              </>
            )}
          </dl>
        </>
      ) : (
        <p className="empty">{t("link.gone")}</p>
      )}
    </div>
  );
}

function Decision({ link }: { link: IdentityReviewFragment }) {
  const { t } = useTranslation("identity");
  const format = useFormat();
  if (link.status === "PROPOSED" || !link.decidedBy) return null;
  const who = decider(link.decidedBy);
  return (
    <div className={`decision decision-${link.status.toLowerCase()}`}>
      <p>
        {t(`decision.${link.status}`)}{" "}
        <bdi className="decided-by">
          {who.kind === "resolver"
            ? t("decision.automatic")
            : who.kind === "key"
              ? who.name
              : who.text}
        </bdi>
        , {format.dateTime(link.decidedAt)}
      </p>
      {link.note && (
        <p>
          {t("decision.note")}: <bdi className="note">{link.note}</bdi>
        </p>
      )}
    </div>
  );
}
