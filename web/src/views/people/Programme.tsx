// The person's place in the advocacy programme and every step of it (who moved them, when,
// and why); a manager moves them to another status here.
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useMutation } from "urql";
import { ActionChooser, ActionForm, Field, formText } from "../../components/ActionForm";
import { StatusBadge } from "../../components/Badges";
import { Empty } from "../../components/QueryState";
import { Allowed } from "../../auth/ViewerContext";
import { PersonViewSetStatusDocument, type AdvocateStatus } from "../../gql/graphql";
import { useFormat } from "../../lib/format";
import { NOTE_LENGTH, STATUSES, nextStatus } from "../../lib/programme";
import { Actor } from "./Actor";
import type { PersonView } from "./route";

export function ProgrammeSection({ person, onChanged }: { person: PersonView; onChanged(): void }) {
  const { t } = useTranslation("person");
  const { t: tc } = useTranslation("common");
  const format = useFormat();
  const [done, setDone] = useState<string | null>(null);
  const programme = person.programme;
  const steps = [...(programme?.history ?? [])].reverse();
  return (
    <section className="panel person-section" aria-labelledby="person-programme">
      <h2 id="person-programme">{t("programme.title")}</h2>
      {programme ? (
        <p>
          {t("programme.current")}{" "}
          <StatusBadge status={programme.status} />{" "}
          {t("programme.since", { when: format.dateTime(programme.updatedAt) })}
        </p>
      ) : (
        <Empty>{t("programme.none")}</Empty>
      )}
      <Allowed role="MANAGER">
        <ActionChooser
          label={t("programme.actions")}
          actions={[
            {
              id: "status",
              label: t("programme.change"),
              form: (close) => (
                <StatusForm
                  person={person}
                  onCancel={close}
                  onDone={(status) => {
                    setDone(t("programme.done", { status: tc(`programmeStatus.${status}`) }));
                    onChanged();
                    close();
                  }}
                />
              ),
            },
          ]}
        />
        <p className="done-note" role="status">
          {done}
        </p>
      </Allowed>
      {steps.length > 0 && (
        <table className="programme-history">
          <caption>{t("programme.history")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("programme.status")}</th>
              <th scope="col">{t("programme.when")}</th>
              <th scope="col">{t("programme.who")}</th>
              <th scope="col">{t("programme.note")}</th>
            </tr>
          </thead>
          <tbody>
            {steps.map((step) => (
              <tr key={`${step.at}-${step.status}-${step.actor}`}>
                <th scope="row">
                  <StatusBadge status={step.status} />
                </th>
                <td>
                  <time dateTime={step.at}>{format.dateTime(step.at)}</time>
                </td>
                <td>
                  <Actor actor={step.actor} />
                </td>
                <td>{step.note ? <bdi>{step.note}</bdi> : "–"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function StatusForm({
  person,
  onCancel,
  onDone,
}: {
  person: PersonView;
  onCancel(): void;
  onDone(status: AdvocateStatus): void;
}) {
  const { t } = useTranslation("person");
  const { t: tc } = useTranslation("common");
  const statusField = useId();
  const [, setStatus] = useMutation(PersonViewSetStatusDocument);
  const current = person.programme?.status;
  return (
    <ActionForm
      label={t("programme.change")}
      submitLabel={t("programme.set")}
      onCancel={onCancel}
      onSubmit={async (data) => {
        const status = String(data.get("status")) as AdvocateStatus;
        const note = formText(data, "note");
        const result = await setStatus({ personId: person.id, status, note: note || null });
        if (!result.error) onDone(status);
        return result;
      }}
    >
      <div className="field">
        <label htmlFor={statusField}>{t("programme.newStatus")}</label>
        <select id={statusField} name="status" defaultValue={nextStatus(current)}>
          {STATUSES.map((status) => (
            <option key={status} value={status}>
              {tc(`programmeStatus.${status}`)}
            </option>
          ))}
        </select>
      </div>
      <Field
        label={t("programme.note")}
        name="note"
        multiline
        maxLength={NOTE_LENGTH}
        hint={t("programme.noteHint")}
      />
    </ActionForm>
  );
}
