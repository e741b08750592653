// The review's window: a preset or custom dates, by day or by week. A choice in a list applies
// at once; typed dates apply with the button (half-typed dates would reload on each key).
import { useId, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { BUCKETS, PRESETS, presetWindow, type ReviewWindow } from "./reviewWindow";

const CUSTOM = "custom";

export function WindowForm({
  current,
  today,
  onChange,
}: {
  current: ReviewWindow;
  today: string;
  onChange(next: ReviewWindow): void;
}) {
  const { t } = useTranslation("trends");
  const id = useId();

  function choosePreset(value: string) {
    const preset = PRESETS.find((days) => String(days) === value);
    if (preset !== undefined) onChange(presetWindow(preset, today, current.bucket));
  }

  function chooseBucket(value: string) {
    const bucket = BUCKETS.find((known) => known === value);
    if (bucket !== undefined) onChange({ ...current, bucket });
  }

  function applyDates(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const first = String(form.get("since") ?? "");
    const last = String(form.get("until") ?? "");
    if (first && last && first <= last) onChange({ ...current, first, last, preset: null });
  }

  return (
    <form
      className="review-window no-print"
      aria-label={t("window.label")}
      onSubmit={applyDates}
      // New dates from the URL (a preset chosen, back button) replace what was typed.
      key={`${current.first}/${current.last}`}
    >
      <div className="field">
        <label htmlFor={`${id}-preset`}>{t("window.period")}</label>
        <select
          id={`${id}-preset`}
          value={current.preset ?? CUSTOM}
          onChange={(event) => choosePreset(event.target.value)}
        >
          {PRESETS.map((days) => (
            <option key={days} value={days}>
              {t("window.lastDays", { count: days })}
            </option>
          ))}
          <option value={CUSTOM} disabled>
            {t("window.custom")}
          </option>
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-since`}>{t("window.since")}</label>
        <input
          id={`${id}-since`}
          name="since"
          type="date"
          required
          max={today}
          defaultValue={current.first}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-until`}>{t("window.until")}</label>
        <input
          id={`${id}-until`}
          name="until"
          type="date"
          required
          defaultValue={current.last}
        />
      </div>
      <button type="submit">{t("window.apply")}</button>
      <div className="field">
        <label htmlFor={`${id}-bucket`}>{t("window.bucket")}</label>
        <select
          id={`${id}-bucket`}
          value={current.bucket}
          onChange={(event) => chooseBucket(event.target.value)}
        >
          {BUCKETS.map((bucket) => (
            <option key={bucket} value={bucket}>
              {t(`window.by.${bucket}`)}
            </option>
          ))}
        </select>
      </div>
    </form>
  );
}
