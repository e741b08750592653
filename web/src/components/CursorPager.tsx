// Paging through a connection with its opaque cursors: the cursors of the pages before are
// kept, so "previous" returns to exactly where that page started. Changing what is listed
// (the reset key: the filters) starts again from the first page.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import "./controls.css";

export interface CursorPages {
  /** Where the current page starts (null: the first page). */
  after: string | null;
  /** 1 for the first page. */
  page: number;
  next(endCursor: string): void;
  previous(): void;
}

export function useCursorPages(resetKey: string): CursorPages {
  const [state, setState] = useState<{ key: string; cursors: readonly string[] }>({
    key: resetKey,
    cursors: [],
  });
  const cursors = state.key === resetKey ? state.cursors : [];
  return {
    after: cursors.at(-1) ?? null,
    page: cursors.length + 1,
    next: (endCursor) => setState({ key: resetKey, cursors: [...cursors, endCursor] }),
    previous: () => setState({ key: resetKey, cursors: cursors.slice(0, -1) }),
  };
}

export function CursorPager({
  pages,
  pageInfo,
  label,
}: {
  pages: CursorPages;
  pageInfo: { hasNextPage: boolean; endCursor: string | null } | undefined;
  label: string;
}) {
  const { t } = useTranslation("controls");
  const endCursor = pageInfo?.hasNextPage ? pageInfo.endCursor : null;
  if (pages.page === 1 && endCursor === null) return null;
  return (
    <nav className="cursor-pager" aria-label={label}>
      <button type="button" onClick={pages.previous} disabled={pages.page === 1}>
        {t("pager.previous")}
      </button>
      <span>{t("pager.page", { page: pages.page })}</span>
      <button
        type="button"
        onClick={() => endCursor !== null && pages.next(endCursor)}
        disabled={endCursor === null}
      >
        {t("pager.next")}
      </button>
    </nav>
  );
}
