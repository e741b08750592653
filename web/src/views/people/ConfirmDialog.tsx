// Asking before an action that changes who a person is (a merge, a split): a native modal
// <dialog> (focus kept inside, Escape cancels), answered once; the focus goes back to
// where it was.
import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

export interface Confirmation {
  title: string;
  body: ReactNode;
  confirmLabel: string;
}

interface Asking {
  confirmation: Confirmation;
  answer(yes: boolean): void;
}

/** A dialog to render, and ``confirm`` that shows it and resolves with the answer. */
export function useConfirm(): [ReactNode, (confirmation: Confirmation) => Promise<boolean>] {
  const [asking, setAsking] = useState<Asking | null>(null);
  const confirm = useCallback(
    (confirmation: Confirmation) =>
      new Promise<boolean>((resolve) => {
        setAsking({
          confirmation,
          answer: (yes) => {
            setAsking(null);
            resolve(yes);
          },
        });
      }),
    [],
  );
  const dialog = asking && (
    <ConfirmDialog confirmation={asking.confirmation} onAnswer={asking.answer} />
  );
  return [dialog, confirm];
}

function ConfirmDialog({
  confirmation,
  onAnswer,
}: {
  confirmation: Confirmation;
  onAnswer(yes: boolean): void;
}) {
  const { t } = useTranslation("person");
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const bodyId = useId();
  useEffect(() => {
    const opener = document.activeElement;
    const shown = dialog.current;
    shown?.showModal();
    // The safe answer first: a stray Enter must not merge or split anyone.
    cancel.current?.focus();
    return () => {
      shown?.close();
      if (opener instanceof HTMLElement) opener.focus();
    };
  }, []);
  return (
    <dialog
      ref={dialog}
      className="confirm-dialog"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onCancel={(event) => {
        event.preventDefault();
        onAnswer(false);
      }}
    >
      <h2 id={titleId}>{confirmation.title}</h2>
      <div id={bodyId}>{confirmation.body}</div>
      <div className="form-buttons">
        <button type="button" className="danger" onClick={() => onAnswer(true)}>
          {confirmation.confirmLabel}
        </button>
        <button type="button" ref={cancel} onClick={() => onAnswer(false)}>
          {t("confirm.cancel")}
        </button>
      </div>
    </dialog>
  );
}
