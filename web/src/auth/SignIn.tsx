// Sign in with an API key (`osmosi keys create`, or the admin key the first start prints).
import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Client, fetchExchange } from "urql";
import { LanguageSwitch } from "../app/LanguageSwitch";
import { ViewerDocument } from "../gql/graphql";
import { cleanKey } from "./session";

type Problem = "format" | "refused" | "unreachable" | null;

/** Whether the server accepts ``key``: it answers the viewer query with it. */
async function accepted(key: string): Promise<Problem> {
  const probe = new Client({
    url: "/graphql",
    preferGetMethod: false,
    exchanges: [fetchExchange],
    fetchOptions: { headers: { Authorization: `Bearer ${key}` } },
  });
  const result = await probe.query(ViewerDocument, {}).toPromise();
  if (result.data) return null;
  const status = (result.error?.response as Response | undefined)?.status;
  return status === 401 ? "refused" : "unreachable";
}

export function SignIn({ onSignedIn }: { onSignedIn(key: string): void }) {
  const { t } = useTranslation("common");
  const field = useId();
  const hint = useId();
  const [problem, setProblem] = useState<Problem>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const text = new FormData(event.currentTarget).get("key");
    const key = cleanKey(typeof text === "string" ? text : "");
    if (key === null) {
      setProblem("format");
      return;
    }
    setBusy(true);
    const found = await accepted(key);
    setBusy(false);
    if (found === null) onSignedIn(key);
    else setProblem(found);
  }

  return (
    <main className="sign-in" id="main">
      <div className="sign-in-card">
        <div className="sign-in-top">
          <h1>
            <span className="brand-mark" aria-hidden="true" /> Osmosi
          </h1>
          <LanguageSwitch />
        </div>
        <p>{t("signIn.intro")}</p>
        <form onSubmit={(event) => void submit(event)} noValidate>
          <label htmlFor={field}>{t("signIn.key")}</label>
          <input
            id={field}
            name="key"
            type="password"
            autoComplete="off"
            spellCheck={false}
            required
            aria-describedby={hint}
            aria-invalid={problem !== null}
          />
          <p id={hint} className="hint">
            {t("signIn.hint")}
          </p>
          {problem !== null && (
            <p role="alert" className="error">
              {t(`signIn.problem.${problem}`)}
            </p>
          )}
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t("signIn.checking") : t("signIn.submit")}
          </button>
        </form>
        <p className="hint">{t("signIn.tabOnly")}</p>
      </div>
    </main>
  );
}
