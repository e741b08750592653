// A manager's actions on an open conversation: assign it, record the answer given on the
// platform, or dismiss it. Each sends one mutation; the document cache then refreshes the
// queries holding conversations (the list, this pane, the unanswered questions).
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
import { useSession } from "../../auth/ViewerContext";
import { QueueAnswerDocument, QueueAssignDocument, QueueDismissDocument } from "../../gql/graphql";
import { localInputToIso } from "./due";

const MAX_NAME = 200;
const MAX_TEXT = 10_000;

/** After an action: what to announce, and whether the conversation was closed (its actions
 * are gone, so the focus goes to the announcement). */
export type DoneHandler = (message: string, closed: boolean) => void;

export function ConversationActions({
  conversationId: id,
  onDone,
}: {
  conversationId: string;
  onDone: DoneHandler;
}) {
  const { t } = useTranslation("queue");
  const { viewer } = useSession();
  const [, assign] = useMutation(QueueAssignDocument);
  const [, answer] = useMutation(QueueAnswerDocument);
  const [, dismiss] = useMutation(QueueDismissDocument);

  const actions: ItemAction[] = [
    {
      id: "assign",
      label: t("actions.assign"),
      form: (close) => (
        <ActionForm
          label={t("actions.assign")}
          submitLabel={t("actions.assignSubmit")}
          onCancel={close}
          onSubmit={async (data) => {
            const owner = formText(data, "owner");
            const result = await assign({ id, owner });
            if (!result.error) {
              close();
              onDone(t("actions.assigned", { owner }), false);
            }
            return result;
          }}
        >
          <Field
            label={t("actions.assignTo")}
            name="owner"
            required
            maxLength={MAX_NAME}
            defaultValue={viewer.name}
            hint={t("actions.assignHint")}
          />
        </ActionForm>
      ),
    },
    {
      id: "answer",
      label: t("actions.answer"),
      form: (close) => (
        <ActionForm
          label={t("actions.answer")}
          submitLabel={t("actions.answerSubmit")}
          onCancel={close}
          onSubmit={async (data) => {
            const result = await answer({
              id,
              answer: formText(data, "answer"),
              answeredAt: localInputToIso(formText(data, "answeredAt")),
            });
            if (!result.error) {
              close();
              onDone(t("actions.answered"), true);
            }
            return result;
          }}
        >
          <Field
            label={t("actions.answerText")}
            name="answer"
            multiline
            required
            maxLength={MAX_TEXT}
            hint={t("actions.answerHint")}
          />
          <Field
            label={t("actions.answeredAt")}
            name="answeredAt"
            type="datetime-local"
            hint={t("actions.answeredAtHint")}
          />
        </ActionForm>
      ),
    },
    {
      id: "dismiss",
      label: t("actions.dismiss"),
      tone: "danger",
      form: (close) => (
        <ReasonForm
          label={t("actions.dismiss")}
          submitLabel={t("actions.dismissSubmit")}
          reasonLabel={t("actions.reason")}
          maxLength={MAX_TEXT}
          onCancel={close}
          onSubmit={async (reason) => {
            const result = await dismiss({ id, reason });
            if (!result.error) {
              close();
              onDone(t("actions.dismissed"), true);
            }
            return result;
          }}
        />
      ),
    },
  ];
  return <ActionChooser label={t("actions.label")} actions={actions} />;
}
