// A manager's decisions on a link: confirm or reject a proposed one, undo an applied one.
// Each sends one mutation; the link then leaves the list it was in.
import { useTranslation } from "react-i18next";
import { useMutation } from "urql";
import {
  ActionChooser,
  ActionForm,
  Field,
  formText,
  ReasonForm,
  type ItemAction,
} from "../../components/ActionForm";
import {
  IdentityConfirmDocument,
  IdentityRejectDocument,
  IdentityUndoDocument,
  type IdentityReviewFragment,
} from "../../gql/graphql";

const MAX_NOTE = 2_000;

export function LinkActions({
  link,
  onDone,
}: {
  link: Pick<IdentityReviewFragment, "id" | "kind" | "status">;
  onDone(message: string): void;
}) {
  const { t } = useTranslation("identity");
  const [, confirm] = useMutation(IdentityConfirmDocument);
  const [, reject] = useMutation(IdentityRejectDocument);
  const [, undo] = useMutation(IdentityUndoDocument);
  const { id } = link;
  const people = link.kind === "PERSON_PERSON";

  const confirmAction: ItemAction = {
    id: "confirm",
    label: t("actions.confirm"),
    form: (close) => (
      <ActionForm
        label={t("actions.confirm")}
        submitLabel={people ? t("actions.confirmPeople") : t("actions.confirmCustomer")}
        onCancel={close}
        onSubmit={async (data) => {
          const result = await confirm({ id, note: formText(data, "note") || null });
          if (!result.error) onDone(t("actions.confirmed"));
          return result;
        }}
      >
        <Field
          label={t("actions.note")}
          name="note"
          multiline
          maxLength={MAX_NOTE}
          hint={t("actions.noteHint")}
        />
      </ActionForm>
    ),
  };
  const rejectAction: ItemAction = {
    id: "reject",
    label: t("actions.reject"),
    tone: "danger",
    form: (close) => (
      <ReasonForm
        label={t("actions.reject")}
        submitLabel={t("actions.rejectSubmit")}
        reasonLabel={t("actions.reason")}
        hint={t("actions.rejectHint")}
        maxLength={MAX_NOTE}
        onCancel={close}
        onSubmit={async (reason) => {
          const result = await reject({ id, reason });
          if (!result.error) onDone(t("actions.rejected"));
          return result;
        }}
      />
    ),
  };
  const undoAction: ItemAction = {
    id: "undo",
    label: t("actions.undo"),
    tone: "danger",
    form: (close) => (
      <ReasonForm
        label={t("actions.undo")}
        submitLabel={t("actions.undoSubmit")}
        reasonLabel={t("actions.reason")}
        hint={people ? t("actions.undoPeople") : t("actions.undoCustomer")}
        maxLength={MAX_NOTE}
        onCancel={close}
        onSubmit={async (reason) => {
          const result = await undo({ id, reason });
          if (!result.error) onDone(t("actions.undone"));
          return result;
        }}
      />
    ),
  };

  const actions =
    link.status === "PROPOSED"
      ? [confirmAction, rejectAction]
      : link.status === "APPLIED"
        ? [undoAction]
        : [];
  return actions.length > 0 ? <ActionChooser label={t("actions.label")} actions={actions} /> : null;
}
