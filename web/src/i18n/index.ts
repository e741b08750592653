// Italian and English from the start: every string of the app lives in i18n/<lang>/<view>.json
// (one namespace per view), and a test checks both languages hold the same keys.
import i18next from "i18next";
import { initReactI18next } from "react-i18next";

export const LANGUAGES = ["en", "it"] as const;
export type Language = (typeof LANGUAGES)[number];
const CHOSEN = "osmosi.language";

type Namespaces = Record<string, Record<string, unknown>>;

function bundles(): Record<Language, Namespaces> {
  const files = import.meta.glob<Record<string, unknown>>("./*/*.json", {
    eager: true,
    import: "default",
  });
  const found: Record<Language, Namespaces> = { en: {}, it: {} };
  for (const [path, strings] of Object.entries(files)) {
    const match = /^\.\/(\w+)\/(\w+)\.json$/.exec(path);
    if (match && (LANGUAGES as readonly string[]).includes(match[1] ?? "")) {
      found[match[1] as Language][match[2] ?? ""] = strings;
    }
  }
  return found;
}

export const resources = bundles();

/** The language chosen before, else the browser's if we speak it, else English. */
export function initialLanguage(
  chosen: string | null = localStorage.getItem(CHOSEN),
  browser: readonly string[] = navigator.languages,
): Language {
  if (chosen && (LANGUAGES as readonly string[]).includes(chosen)) return chosen as Language;
  for (const tag of browser) {
    const base = tag.toLowerCase().split("-")[0];
    if ((LANGUAGES as readonly string[]).includes(base ?? "")) return base as Language;
  }
  return "en";
}

export async function setLanguage(language: Language): Promise<void> {
  localStorage.setItem(CHOSEN, language);
  await i18next.changeLanguage(language);
}

export function startI18n(): typeof i18next {
  void i18next.use(initReactI18next).init({
    resources,
    lng: initialLanguage(),
    fallbackLng: false,
    defaultNS: "common",
    ns: Object.keys(resources.en),
    interpolation: { escapeValue: false }, // React escapes what it renders
    returnNull: false,
  });
  const follow = (language: string) => {
    document.documentElement.lang = language;
  };
  follow(i18next.language);
  i18next.on("languageChanged", follow);
  return i18next;
}
