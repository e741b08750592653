// How the person was put together: every merge and split with its evidence, who decided
// and when, and whether it was undone. A manager merges another person in, splits accounts
// off, or undoes a merge here; each asks first, as it changes who the person is.
import { useState, type ReactNode } from "react";
import { Trans, useTranslation } from "react-i18next";
import { useMutation } from "urql";
import {
  ActionChooser,
  ActionForm,
  Field,
  formText,
  type ItemAction,
} from "../../components/ActionForm";
import { Handle, PersonName } from "../../components/PersonName";
import { Empty } from "../../components/QueryState";
import { Allowed } from "../../auth/ViewerContext";
import {
  PersonViewMergeDocument,
  PersonViewSplitDocument,
  type PersonLabelFragment,
  type PersonViewIdentityEventFragment,
} from "../../gql/graphql";
import { useFormat } from "../../lib/format";
import { Actor } from "./Actor";
import { useConfirm, type Confirmation } from "./ConfirmDialog";
import { PersonPicker } from "./PersonPicker";
import { PersonSentence } from "./PersonSentence";
import type { PersonView } from "./route";
import { accountRef, evidenceLines } from "./shaping";

type Confirm = (confirmation: Confirmation) => Promise<boolean>;

export function IdentitySection({ person, onChanged }: { person: PersonView; onChanged(): void }) {
  const { t } = useTranslation("person");
  const [dialog, confirm] = useConfirm();
  const [done, setDone] = useState<ReactNode>(null);
  const events = [...person.identityHistory].reverse();
  const finished = (message: ReactNode) => {
    setDone(message);
    onChanged();
  };
  const actions: ItemAction[] = [
    {
      id: "merge",
      label: t("identity.merge.action"),
      tone: "danger",
      form: (close) => (
        <MergeForm
          person={person}
          confirm={confirm}
          onCancel={close}
          onDone={(other) => {
            finished(<PersonSentence i18nKey="identity.merge.done" person={other} link={false} />);
            close();
          }}
        />
      ),
    },
  ];
  if (person.accounts.length > 1) {
    actions.push({
      id: "split",
      label: t("identity.split.action"),
      tone: "danger",
      form: (close) => (
        <SplitForm
          person={person}
          confirm={confirm}
          onCancel={close}
          onDone={(other) => {
            finished(<PersonSentence i18nKey="identity.split.done" person={other} />);
            close();
          }}
        />
      ),
    });
  }
  return (
    <section className="panel person-section" aria-labelledby="person-identity">
      <h2 id="person-identity">{t("identity.title")}</h2>
      {events.length === 0 ? (
        <Empty>{t("identity.none")}</Empty>
      ) : (
        <ol className="identity-events">
          {events.map((event) => (
            <li key={event.id}>
              <IdentityEventItem
                event={event}
                person={person}
                confirm={confirm}
                onUndone={(other) =>
                  finished(<PersonSentence i18nKey="identity.undo.done" person={other} />)
                }
              />
            </li>
          ))}
        </ol>
      )}
      <Allowed role="MANAGER">
        <ActionChooser label={t("identity.actions")} actions={actions} />
        {person.accounts.length < 2 && <p className="hint">{t("identity.split.oneAccount")}</p>}
        <p className="done-note" role="status">
          {done}
        </p>
        {dialog}
      </Allowed>
    </section>
  );
}

function IdentityEventItem({
  event,
  person,
  confirm,
  onUndone,
}: {
  event: PersonViewIdentityEventFragment;
  person: PersonView;
  confirm: Confirm;
  onUndone(other: PersonLabelFragment): void;
}) {
  const { t } = useTranslation("person");
  const format = useFormat();
  const here = event.person.id === person.id;
  const sentence = `identity.event.${event.kind}.${here ? "here" : "away"}`;
  const other = here ? event.otherPerson : event.person;
  // Someone merged away has no accounts of their own until the merge is undone: they are
  // known by the accounts that moved.
  const gone = other.accounts.length === 0;
  const shown = gone ? { ...other, accounts: event.accounts.map(accountRef) } : other;
  const undoable = event.kind === "MERGE" && here && !event.undoneBy;
  return (
    <article className="identity-event">
      <p className="identity-what">
        <span className={`badge identity-${event.kind.toLowerCase()}`}>
          {t(`identity.kind.${event.kind}`)}
        </span>{" "}
        <PersonSentence i18nKey={sentence} person={shown} link={!gone} />
        {event.undoneBy && <span className="badge">{t("identity.undone")}</span>}
        {event.undoes && <span className="badge">{t("identity.undoes")}</span>}
      </p>
      <dl className="facts">
        <div>
          <dt>{t("identity.accounts")}</dt>
          <dd>
            {event.accounts.map((account) => (
              <Handle key={account} {...accountRef(account)} />
            ))}
          </dd>
        </div>
        <div>
          <dt>{t("identity.evidence")}</dt>
          <dd>
            <ul className="evidence">
              {event.evidence.map((item) => (
                <li key={item}>
                  <bdi>{item}</bdi>
                </li>
              ))}
            </ul>
          </dd>
        </div>
        <div>
          <dt>{t("identity.who")}</dt>
          <dd>
            <Actor actor={event.actor} />,{" "}
            <time dateTime={event.at}>{format.dateTime(event.at)}</time>
          </dd>
        </div>
      </dl>
      {undoable && (
        <Allowed role="MANAGER">
          <ActionChooser
            label={t("identity.undo.actions")}
            actions={[
              {
                id: "undo",
                label: t("identity.undo.action"),
                tone: "danger",
                form: (close) => (
                  <SplitForm
                    person={person}
                    merged={event}
                    confirm={confirm}
                    onCancel={close}
                    onDone={(restored) => {
                      onUndone(restored);
                      close();
                    }}
                  />
                ),
              },
            ]}
          />
        </Allowed>
      )}
    </article>
  );
}

function MergeForm({
  person,
  confirm,
  onCancel,
  onDone,
}: {
  person: PersonView;
  confirm: Confirm;
  onCancel(): void;
  onDone(other: PersonLabelFragment): void;
}) {
  const { t } = useTranslation("person");
  const [other, setOther] = useState<PersonLabelFragment | null>(null);
  const [, merge] = useMutation(PersonViewMergeDocument);
  return (
    <ActionForm
      label={t("identity.merge.action")}
      submitLabel={t("identity.merge.submit")}
      tone="danger"
      onCancel={onCancel}
      onSubmit={async (data) => {
        if (!other) return {};
        const yes = await confirm({
          title: t("identity.merge.confirmTitle"),
          body: (
            <p>
              <Trans
                t={t}
                i18nKey="identity.merge.confirmBody"
                components={{
                  other: <PersonName person={other} link={false} />,
                  person: <PersonName person={person} link={false} />,
                }}
              />
            </p>
          ),
          confirmLabel: t("identity.merge.confirm"),
        });
        if (!yes) return {};
        const evidence = evidenceLines(String(data.get("evidence") ?? ""));
        const result = await merge({ personId: person.id, otherPersonId: other.id, evidence });
        if (!result.error) onDone(other);
        return result;
      }}
    >
      <PersonPicker
        label={t("identity.merge.who")}
        name="other"
        exclude={person.id}
        onPick={setOther}
      />
      <Field
        label={t("identity.merge.evidence")}
        name="evidence"
        multiline
        required
        hint={t("identity.merge.evidenceHint")}
      />
    </ActionForm>
  );
}

/** Split accounts off ``person``: those the manager ticks, or (undoing a merge) the accounts
 * the merge brought, fixed. Either way the manager confirms what will happen first. */
function SplitForm({
  person,
  merged,
  confirm,
  onCancel,
  onDone,
}: {
  person: PersonView;
  /** The merge to undo: its accounts are the ones split off. */
  merged?: PersonViewIdentityEventFragment;
  confirm: Confirm;
  onCancel(): void;
  onDone(other: PersonLabelFragment): void;
}) {
  const { t } = useTranslation("person");
  const [, split] = useMutation(PersonViewSplitDocument);
  const words = merged
    ? {
        action: t("identity.undo.action"),
        submit: t("identity.undo.submit"),
        confirmTitle: t("identity.undo.confirmTitle"),
        confirm: t("identity.undo.confirm"),
      }
    : {
        action: t("identity.split.action"),
        submit: t("identity.split.submit"),
        confirmTitle: t("identity.split.confirmTitle"),
        confirm: t("identity.split.confirm"),
      };
  return (
    <ActionForm
      label={words.action}
      submitLabel={words.submit}
      tone="danger"
      onCancel={onCancel}
      onSubmit={async (data) => {
        const chosen = merged ? merged.accounts : data.getAll("account").map(String);
        // Nothing chosen changes nothing: the API says what is missing, without asking first.
        if (chosen.length > 0) {
          const yes = await confirm({
            title: words.confirmTitle,
            body: <SplitSummary accounts={chosen} person={person} />,
            confirmLabel: words.confirm,
          });
          if (!yes) return {};
        }
        const reason = formText(data, "reason");
        const accounts = chosen.map(accountRef);
        const result = await split({ personId: person.id, accounts, reason });
        if (result.data) onDone(result.data.splitPerson.otherPerson);
        return result;
      }}
    >
      {!merged && (
        <fieldset className="account-choice">
          <legend>{t("identity.split.which")}</legend>
          {person.accounts.map((account) => (
            <label key={account.id}>
              <input type="checkbox" name="account" value={account.id} />{" "}
              <Handle platform={account.platform} handle={account.handle} />
            </label>
          ))}
        </fieldset>
      )}
      <Field label={t("identity.split.reason")} name="reason" multiline required />
    </ActionForm>
  );
}

function SplitSummary({ accounts, person }: { accounts: readonly string[]; person: PersonView }) {
  return (
    <>
      <p>
        <PersonSentence i18nKey="identity.split.confirmBody" person={person} link={false} />
      </p>
      <ul>
        {accounts.map((account) => (
          <li key={account}>
            <Handle {...accountRef(account)} />
          </li>
        ))}
      </ul>
    </>
  );
}
