// Loading and error states every view shares.
import type { CombinedError } from "urql";
import { useTranslation } from "react-i18next";

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation("common");
  return (
    <p className="loading" role="status" aria-live="polite">
      {label ?? t("loading")}
    </p>
  );
}

/** The API's own message for errors it shows (a refused mutation, a bad filter); a generic
 * one for the rest. */
export function errorMessage(error: CombinedError, fallback: string): string {
  const shown = error.graphQLErrors.map((e) => e.message).filter((m) => m !== "Unexpected error.");
  return shown.length > 0 ? shown.join(" ") : fallback;
}

export function ErrorNote({ error, retry }: { error: CombinedError; retry?: () => void }) {
  const { t } = useTranslation("common");
  return (
    <div className="error-note" role="alert">
      <p>{errorMessage(error, error.networkError ? t("error.network") : t("error.generic"))}</p>
      {retry && (
        <button type="button" onClick={retry}>
          {t("retry")}
        </button>
      )}
    </div>
  );
}

export function Empty({ children }: { children: string }) {
  return <p className="empty">{children}</p>;
}
