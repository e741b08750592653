// The programme board: one column per status (candidate, invited, active, paused, declined),
// each with how many people are in it and paged; managers move people between columns with
// a note, and the board updates in place (every column is read again after a move).
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Page } from "../../components/Page";
import { STATUSES } from "../../lib/programme";
import { ProgrammeColumn } from "./ProgrammeColumn";
import "./advocates.css";

export function Component() {
  const { t } = useTranslation("programme");
  const [announcement, setAnnouncement] = useState("");
  const status = useRef<HTMLParagraphElement>(null);
  // A moved card leaves its column: the focus goes to the message that says where it went.
  const moved = (message: string) => {
    setAnnouncement(message);
    status.current?.focus();
  };
  return (
    <Page title={t("title")} intro={t("intro")}>
      <p ref={status} className="board-announcement" role="status" tabIndex={-1}>
        {announcement}
      </p>
      <div className="programme-board">
        {STATUSES.map((column) => (
          <ProgrammeColumn key={column} status={column} onMoved={moved} />
        ))}
      </div>
    </Page>
  );
}
