// Dates, numbers and durations in the reader's language.
import { useTranslation } from "react-i18next";

const EMPTY = "–";

export interface Formatters {
  number(value: number | null | undefined, digits?: number): string;
  percent(share: number | null | undefined, digits?: number): string;
  signed(value: number | null | undefined, digits?: number): string;
  date(iso: string | null | undefined): string;
  dateTime(iso: string | null | undefined): string;
  duration(seconds: number | null | undefined): string;
}

export function formatters(locale: string): Formatters {
  const numbers = new Map<number, Intl.NumberFormat>();
  const number = (digits: number) => {
    let found = numbers.get(digits);
    if (!found) {
      found = new Intl.NumberFormat(locale, { maximumFractionDigits: digits });
      numbers.set(digits, found);
    }
    return found;
  };
  const day = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" });
  const moment = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
  return {
    number: (value, digits = 0) => (value == null ? EMPTY : number(digits).format(value)),
    percent: (share, digits = 0) =>
      share == null
        ? EMPTY
        : new Intl.NumberFormat(locale, {
            style: "percent",
            maximumFractionDigits: digits,
          }).format(share),
    signed: (value, digits = 2) =>
      value == null
        ? EMPTY
        : new Intl.NumberFormat(locale, {
            maximumFractionDigits: digits,
            minimumFractionDigits: digits,
            signDisplay: "exceptZero",
          }).format(value),
    date: (iso) => (iso ? day.format(new Date(iso)) : EMPTY),
    dateTime: (iso) => (iso ? moment.format(new Date(iso)) : EMPTY),
    duration: (seconds) => {
      if (seconds == null) return EMPTY;
      const [value, unit] =
        seconds < 3600
          ? [seconds / 60, "minute"]
          : seconds < 48 * 3600
            ? [seconds / 3600, "hour"]
            : [seconds / 86400, "day"];
      return new Intl.NumberFormat(locale, {
        style: "unit",
        unit,
        unitDisplay: "short",
        maximumFractionDigits: value < 10 ? 1 : 0,
      }).format(value);
    },
  };
}

/** The formatters of the app's current language. */
export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  return formatters(i18n.language);
}
