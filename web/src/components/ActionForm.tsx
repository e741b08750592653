// A manager's action on one item (answer, dismiss, confirm, reject…): buttons that each open
// a small labelled form in place, one at a time. A form reports the API's refusal where it
// was sent; cancelling (Escape too) gives the focus back to the button that opened it.
import {
  useEffect,
  useId,
  useRef,
  useState,
  type FormEvent,
  type ReactNode,
  type Ref,
} from "react";
import { useTranslation } from "react-i18next";
import type { CombinedError } from "urql";
import { errorMessage } from "./QueryState";
import "./controls.css";

export interface ItemAction {
  id: string;
  label: string;
  tone?: "danger";
  /** The action's form; ``close`` shuts it and focuses its button again. */
  form(close: () => void): ReactNode;
}

export function ActionChooser({
  label,
  actions,
}: {
  label: string;
  actions: readonly ItemAction[];
}) {
  const [open, setOpen] = useState<string | null>(null);
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const panelId = useId();
  const chosen = actions.find((action) => action.id === open);
  const close = () => {
    setOpen(null);
    if (open !== null) buttons.current.get(open)?.focus();
  };
  return (
    <div className="action-chooser">
      <div className="action-buttons" role="group" aria-label={label}>
        {actions.map((action) => (
          <button
            key={action.id}
            type="button"
            className={action.tone}
            aria-expanded={open === action.id}
            aria-controls={panelId}
            ref={(button) => {
              if (button) buttons.current.set(action.id, button);
              else buttons.current.delete(action.id);
            }}
            onClick={() => setOpen(open === action.id ? null : action.id)}
          >
            {action.label}
          </button>
        ))}
      </div>
      <div id={panelId} className="action-panel">
        {chosen?.form(close)}
      </div>
    </div>
  );
}

/** A form whose submission is one API call: busy while it runs, the API's message if refused. */
export function ActionForm({
  label,
  submitLabel,
  tone,
  onSubmit,
  onCancel,
  children,
}: {
  label: string;
  submitLabel: string;
  tone?: "danger";
  onSubmit(data: FormData): Promise<{ error?: CombinedError | undefined }>;
  onCancel(): void;
  children: ReactNode;
}) {
  const { t } = useTranslation("controls");
  const common = useTranslation("common").t;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CombinedError | undefined>();
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    form.current?.querySelector<HTMLElement>("input, textarea, select")?.focus();
  }, []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    const result = await onSubmit(new FormData(event.currentTarget));
    setBusy(false);
    setError(result.error);
  }

  return (
    <form
      ref={form}
      className="action-form"
      aria-label={label}
      onSubmit={(event) => void submit(event)}
      onKeyDown={(event) => {
        if (event.key === "Escape") onCancel();
      }}
    >
      {children}
      {error && (
        <p className="error-note" role="alert">
          {errorMessage(error, common("error.generic"))}
        </p>
      )}
      <div className="form-buttons">
        <button type="submit" className={tone ?? "primary"} disabled={busy}>
          {busy ? t("form.working") : submitLabel}
        </button>
        <button type="button" onClick={onCancel}>
          {t("form.cancel")}
        </button>
      </div>
    </form>
  );
}

/** A form's text field, trimmed ("" when absent). */
export function formText(data: FormData, name: string): string {
  const value = data.get(name);
  return typeof value === "string" ? value.trim() : "";
}

/** An action undone only with a reason on record (reject, undo, dismiss): one required text. */
export function ReasonForm({
  label,
  submitLabel,
  reasonLabel,
  hint,
  maxLength,
  onSubmit,
  onCancel,
}: {
  label: string;
  submitLabel: string;
  reasonLabel: string;
  hint?: string;
  maxLength: number;
  onSubmit(reason: string): Promise<{ error?: CombinedError | undefined }>;
  onCancel(): void;
}) {
  return (
    <ActionForm
      label={label}
      submitLabel={submitLabel}
      tone="danger"
      onCancel={onCancel}
      onSubmit={(data) => onSubmit(formText(data, "reason"))}
    >
      <Field
        label={reasonLabel}
        name="reason"
        multiline
        required
        maxLength={maxLength}
        {...(hint ? { hint } : {})}
      />
    </ActionForm>
  );
}

/** A labelled field of an action form, with its hint read with it. */
export function Field({
  label,
  name,
  hint,
  multiline = false,
  type = "text",
  required = false,
  defaultValue,
  maxLength,
}: {
  label: string;
  name: string;
  hint?: string;
  multiline?: boolean;
  type?: "text" | "datetime-local";
  required?: boolean;
  defaultValue?: string;
  maxLength?: number;
}) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const shared = { id, name, required, defaultValue, maxLength, "aria-describedby": hintId };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {multiline ? <textarea rows={3} {...shared} /> : <input type={type} {...shared} />}
      {hint && (
        <p id={hintId} className="hint">
          {hint}
        </p>
      )}
    </div>
  );
}

/** What the last action did, announced as it happens. It can take the focus: when the item
 * acted on leaves the list, the focus lands here instead of being lost. */
export function ActionStatus({
  message,
  ref,
}: {
  message: string;
  ref: Ref<HTMLParagraphElement>;
}) {
  return (
    <p ref={ref} className="action-status" role="status" tabIndex={-1}>
      {message}
    </p>
  );
}
