// The shortlisted ambassadors in the order chosen: community, influence, why each is on the
// list (their advocacy and how sure it is, the reach they add, their community), programme
// status and (for managers) the invitation.
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Allowed, useAllowed } from "../../auth/ViewerContext";
import { PersonName, personLabel } from "../../components/PersonName";
import { ErrorNote } from "../../components/QueryState";
import type { AdvocatesShortlistQuery } from "../../gql/graphql";
import { useFormat } from "../../lib/format";
import { CommunityLink } from "../../components/community/CommunityLink";
import type { CommunityRanks } from "../../components/community/ranks";
import { ClassBadge, StatusBadge } from "../../components/Badges";
import { Certainty } from "../../components/Certainty";
import { stanceOf } from "../../lib/certainty";
import { NOTE_LENGTH } from "../../lib/programme";
import { invitable } from "./programme";
import { chosenSets, memberReasons, type MemberReason } from "./reach";
import { useInvitations } from "./useInvitations";

type Result = AdvocatesShortlistQuery["ambassadorShortlist"];
type Member = Result["members"][number]["person"];
type Pick = Result["picks"][number];

export function ShortlistMembers({
  result,
  communities,
}: {
  result: Result;
  communities: CommunityRanks;
}) {
  const { t } = useTranslation("advocates");
  // K of the PageRank top-K: as many as the baseline holds (fewer than asked when fewer fit).
  const size = result.baseline.members.length;
  const manager = useAllowed("MANAGER");
  const invitations = useInvitations();
  const [note, setNote] = useState(() => t("invite.defaultNote"));
  const noteId = useId();
  const members = result.members.map((member) => member.person);
  const reasons = memberReasons(members, chosenSets(result).baseline);
  const statusOf = (member: Member) => invitations.statusSet(member.id) ?? member.programme?.status;
  const open = members.filter((member) => invitable(statusOf(member)));
  const busy = invitations.pending.size > 0;
  return (
    <section aria-labelledby="shortlist-members">
      <h2 id="shortlist-members">{t("members.title")}</h2>
      <Allowed role="MANAGER">
        <div className="invite-bar">
          <div className="field">
            <label htmlFor={noteId}>{t("invite.note")}</label>
            <input
              id={noteId}
              value={note}
              maxLength={NOTE_LENGTH}
              onChange={(event) => setNote(event.target.value)}
            />
          </div>
          <button
            type="button"
            className="primary"
            disabled={busy || open.length === 0}
            onClick={() => void invitations.invite(open.map((member) => member.id), note)}
          >
            {t("invite.all", { count: open.length })}
          </button>
        </div>
        <p className="invite-progress" role="status">
          {busy
            ? t("invite.sending", {
                sent: invitations.sent,
                count: invitations.sent + invitations.pending.size,
              })
            : invitations.sent > 0
              ? t("invite.sent", { count: invitations.sent })
              : ""}
        </p>
        {invitations.error && <ErrorNote error={invitations.error} />}
      </Allowed>
      <table className="shortlist-table">
        <caption>{t("members.caption", { count: members.length })}</caption>
        <thead>
          <tr>
            <th scope="col" className="number">
              {t("members.order")}
            </th>
            <th scope="col">{t("members.person")}</th>
            <th scope="col">{t("members.community")}</th>
            <th scope="col" className="number">
              {t("members.influence")}
            </th>
            <th scope="col">{t("members.why")}</th>
            <th scope="col">{t("members.programme")}</th>
            {manager && (
              <th scope="col">
                <span className="visually-hidden">{t("invite.column")}</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {members.map((member, index) => {
            const status = statusOf(member);
            const reason = reasons[index];
            return (
              <tr key={member.id}>
                <td className="number">{index + 1}</td>
                <th scope="row">
                  <PersonName person={member} />
                </th>
                <td>
                  <CommunityLink id={member.communityId} ranks={communities} />
                </td>
                <td className="number">
                  <Influence member={member} />
                </td>
                <td data-testid="pick-reasons">
                  <Reasons
                    pick={result.picks[index]}
                    gain={result.reachGains[index]}
                    reason={reason}
                    size={size}
                  />
                </td>
                <td>
                  {status ? (
                    <StatusBadge status={status} />
                  ) : (
                    <span className="muted">{t("members.outside")}</span>
                  )}
                </td>
                {manager && (
                  <td>
                    {invitable(status) && (
                      <button
                        type="button"
                        disabled={busy}
                        aria-label={t("invite.one", { name: personLabel(member) })}
                        onClick={() => void invitations.invite([member.id], note)}
                      >
                        {invitations.pending.has(member.id) ? t("invite.inviting") : t("invite.button")}
                      </button>
                    )}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

/** Influence (1 = the average person) and how many people pay attention to them. */
function Influence({ member }: { member: Member }) {
  const { t } = useTranslation("advocates");
  const format = useFormat();
  const influence = member.scores.find((score) => score.name === "influence");
  if (!influence) return <>–</>;
  const audience = influence.factors.find((factor) => factor.name === "audience")?.value;
  return (
    <>
      {format.number(influence.value, 1)}
      {audience !== undefined && (
        <span className="audience">
          {t("members.audience", { count: audience, value: format.number(audience) })}
        </span>
      )}
    </>
  );
}

/** Why a member is on the list: their advocacy and how sure it is, the people they add to
 * the reach of those chosen before them, and what they bring beside the PageRank top-K. */
function Reasons({
  pick,
  gain,
  reason,
  size,
}: {
  pick: Pick | undefined;
  gain: number | undefined;
  reason: MemberReason | undefined;
  size: number;
}) {
  const { t } = useTranslation("advocates");
  const format = useFormat();
  const people = (count: number) => t("reach.people", { count, value: format.number(count) });
  // Whole people, as the expected reach is written; the first member's gain is their own reach.
  const added = gain === undefined ? null : Math.round(gain);
  const lines = [
    added === null
      ? null
      : reason?.order === 1
        ? t("why.first", { people: people(added) })
        : added > 0
          ? t("why.adds", { people: people(added) })
          : t("why.addsNone"),
    reason?.opensCommunity
      ? reason.communityMissedByBaseline
        ? t("why.communityMissed", { size })
        : t("why.opensCommunity")
      : null,
    reason && (reason.inBaseline ? t("why.inBaseline", { size }) : t("why.notInBaseline", { size })),
  ].filter((line): line is string => typeof line === "string");
  return (
    <ul className="reasons">
      {pick && (
        <li className="pick-stance">
          <ClassBadge advocacyClass={pick.class} /> <Certainty stance={stanceOf(pick)} />
        </li>
      )}
      {lines.map((line) => (
        <li key={line}>{line}</li>
      ))}
    </ul>
  );
}
