// The frame of each part of the review: a titled section (a page of its own when printed)
// that an alert's link can point at by its id.
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../lib/format";
import { Growth } from "./labels";
import type { VolumeChange } from "./review";

/** Rows a table shows before "show all"; series a chart draws. */
export const SHOWN_ROWS = 15;
export const CHARTED_SERIES = 6;

export function ReviewSection({
  id,
  title,
  hint,
  children,
}: {
  id: string;
  title: string;
  hint?: string;
  children: ReactNode;
}) {
  return (
    <section id={id} className="review-section" aria-labelledby={`${id}-title`} tabIndex={-1}>
      <h2 id={`${id}-title`}>{title}</h2>
      {hint && <p className="hint">{hint}</p>}
      {children}
    </section>
  );
}

export function MoreRows({
  shown,
  total,
  label,
  onShow,
}: {
  shown: number;
  total: number;
  label: string;
  onShow(): void;
}) {
  if (shown >= total) return null;
  return (
    <p className="no-print">
      <button type="button" onClick={onShow}>
        {label}
      </button>
    </p>
  );
}

/** The columns every table of volumes shares: posts, the window before, growth, sentiment. */
export function ChangeHeaders() {
  const { t } = useTranslation("trends");
  return (
    <>
      {(["posts", "before", "growth", "sentiment"] as const).map((column) => (
        <th key={column} scope="col" className="number">
          {t(`column.${column}`)}
        </th>
      ))}
    </>
  );
}

/** A row's cells under `ChangeHeaders`. */
export function ChangeCells({
  change,
  sentiment,
}: {
  change: VolumeChange;
  sentiment: number | null | undefined;
}) {
  const format = useFormat();
  return (
    <>
      <td className="number posts">{format.number(change.posts)}</td>
      <td className="number">{format.number(change.previous)}</td>
      <td className="number">
        <Growth growth={change.growth} posts={change.posts} />
      </td>
      <td className="number">{format.signed(sentiment)}</td>
    </>
  );
}
