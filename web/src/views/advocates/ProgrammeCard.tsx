// A person on the programme board: since when they are in their column, the note of the move
// and who made it; for managers, the move to another column (a status and a note).
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { useMutation } from "urql";
import { ActionChooser, ActionForm, Field, formText } from "../../components/ActionForm";
import { Allowed } from "../../auth/ViewerContext";
import { PersonName, personLabel } from "../../components/PersonName";
import {
  ProgrammeMoveDocument,
  type AdvocateStatus,
  type ProgrammeCardFragment,
} from "../../gql/graphql";
import { useFormat } from "../../lib/format";
import { NOTE_LENGTH } from "../../lib/programme";
import { cardFacts, movesFrom } from "./programme";

export function ProgrammeCard({
  person,
  onMoved,
}: {
  person: ProgrammeCardFragment;
  onMoved(message: string): void;
}) {
  const { t } = useTranslation("programme");
  const format = useFormat();
  const programme = person.programme;
  const facts = programme ? cardFacts(programme) : null;
  return (
    <article className="programme-card">
      <h3>
        <PersonName person={person} />
      </h3>
      {facts && (
        <>
          <p className="moved">
            {t("card.since", { date: format.date(facts.since) })}
            {facts.movedBy && (
              <>
                {" · "}
                {t("card.movedBy")} <bdi>{facts.movedBy}</bdi>
              </>
            )}
          </p>
          {facts.note && (
            <p className="note">
              <bdi>{facts.note}</bdi>
            </p>
          )}
        </>
      )}
      <Allowed role="MANAGER">
        <ActionChooser
          label={t("move.actions", { name: personLabel(person) })}
          actions={[
            {
              id: "move",
              label: t("move.open"),
              form: (close) => (
                <MoveForm
                  person={person}
                  current={programme?.status}
                  onCancel={close}
                  onMoved={onMoved}
                />
              ),
            },
          ]}
        />
      </Allowed>
    </article>
  );
}

function MoveForm({
  person,
  current,
  onCancel,
  onMoved,
}: {
  person: ProgrammeCardFragment;
  current: AdvocateStatus | undefined;
  onCancel(): void;
  onMoved(message: string): void;
}) {
  const { t } = useTranslation("programme");
  const { t: tc } = useTranslation("common");
  const [, move] = useMutation(ProgrammeMoveDocument);
  const selectId = useId();
  const choices = movesFrom(current);
  const name = personLabel(person);
  const submit = async (data: FormData) => {
    const status = choices.find((choice) => choice === data.get("status"));
    if (!status) return {};
    const note = formText(data, "note");
    const result = await move({ personId: person.id, status, note: note || null });
    if (!result.error) onMoved(t("move.done", { name, column: t(`column.${status}`) }));
    return { error: result.error };
  };
  return (
    <ActionForm
      label={t("move.form", { name })}
      submitLabel={t("move.submit")}
      onSubmit={submit}
      onCancel={onCancel}
    >
      <div className="field">
        <label htmlFor={selectId}>{t("move.to")}</label>
        <select id={selectId} name="status" required defaultValue={choices[0]}>
          {choices.map((choice) => (
            <option key={choice} value={choice}>
              {tc(`programmeStatus.${choice}`)}
            </option>
          ))}
        </select>
      </div>
      <Field
        label={t("move.note")}
        name="note"
        multiline
        maxLength={NOTE_LENGTH}
        hint={t("move.noteHint")}
      />
    </ActionForm>
  );
}
