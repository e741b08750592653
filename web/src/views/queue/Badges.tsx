// Small labels the queue's list and detail share: how urgent, how late, who is asking.
import { useTranslation } from "react-i18next";
import type {
  AdvocacyClass,
  ConversationStatus,
  Priority,
  QueueAuthorFragment,
} from "../../gql/graphql";
import { ClassBadge } from "../../components/Badges";
import { useFormat } from "../../lib/format";
import { INFLUENTIAL, customerStanding, influencePercentile } from "./author";
import { dueState } from "./due";

export function PriorityBadge({ priority }: { priority: Priority }) {
  const { t } = useTranslation("queue");
  return (
    <span className={`badge priority-${priority.toLowerCase()}`}>{t(`priority.${priority}`)}</span>
  );
}

/** "Overdue by 5 hr" (marked), "Due in 2 hr", or the status of a closed conversation. */
export function DueNote({
  conversation,
  now,
}: {
  conversation: { status: ConversationStatus; dueAt: string };
  now: number;
}) {
  const { t } = useTranslation("queue");
  const format = useFormat();
  const state = dueState(conversation, now);
  if (state.kind === "closed") {
    return <span className="badge status">{t(`status.${conversation.status}`)}</span>;
  }
  const duration = format.duration(state.seconds);
  return state.kind === "overdue" ? (
    <span className="badge overdue">{t("due.overdue", { duration })}</span>
  ) : (
    <span className="due-in">{t("due.due", { duration })}</span>
  );
}

/** Classes that say nothing about who is asking. */
const QUIET_CLASSES: ReadonlySet<AdvocacyClass> = new Set(["NEUTRAL", "UNKNOWN"]);

/** Who is asking, in a few words: advocacy class, high influence, customer. */
export function AuthorBadges({ author }: { author: QueueAuthorFragment }) {
  const { t } = useTranslation("queue");
  const format = useFormat();
  const influence = influencePercentile(author);
  const { customer } = customerStanding(author);
  return (
    <>
      {author.advocacyClass && !QUIET_CLASSES.has(author.advocacyClass) && (
        <ClassBadge advocacyClass={author.advocacyClass} />
      )}
      {influence !== null && influence >= INFLUENTIAL && (
        <span className="badge influential">
          {t("author.influenceTop", { share: format.percent(Math.max(1 - influence, 0.01)) })}
        </span>
      )}
      {customer && <span className="badge customer">{t("author.customer")}</span>}
    </>
  );
}
