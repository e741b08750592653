// The signed-in frame: who is signed in, the language, a person search, the views, and the
// live alerts badge.
import { useId, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, NavLink, Outlet, useNavigate } from "react-router";
import { useSession } from "../auth/ViewerContext";
import { useAlertsFeed } from "./alertsFeed";
import { LanguageSwitch } from "./LanguageSwitch";

const VIEWS = [
  "map",
  "communities",
  "advocates",
  "programme",
  "queue",
  "trends",
  "alerts",
  "identity",
] as const;

export function Layout() {
  const { t } = useTranslation("common");
  const { viewer, signOut } = useSession();
  const { unseen } = useAlertsFeed();
  const navigate = useNavigate();
  const searchId = useId();

  function search(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const text = new FormData(event.currentTarget).get("search");
    if (typeof text === "string" && text.trim().length >= 2) {
      void navigate(`/people?search=${encodeURIComponent(text.trim())}`);
    }
  }

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t("skipToContent")}
      </a>
      <header className="top-bar">
        <Link to="/map" className="brand">
          <span className="brand-mark" aria-hidden="true" /> Osmosi
        </Link>
        <form role="search" className="person-search" onSubmit={search}>
          <label htmlFor={searchId} className="visually-hidden">
            {t("search.label")}
          </label>
          <input
            id={searchId}
            name="search"
            type="search"
            minLength={2}
            placeholder={t("search.placeholder")}
            autoComplete="off"
          />
          <button type="submit">{t("search.submit")}</button>
        </form>
        <div className="who">
          <LanguageSwitch />
          <span className="signed-in" data-testid="signed-in">
            {t("signedInAs")} <bdi className="viewer-name">{viewer.name}</bdi>{" "}
            <span className="badge role">{t(`role.${viewer.role}`)}</span>
          </span>
          <button type="button" onClick={signOut}>
            {t("signOut")}
          </button>
        </div>
      </header>
      <nav className="side-nav" aria-label={t("nav.label")}>
        <ul>
          {VIEWS.map((view) => (
            <li key={view}>
              <NavLink to={`/${view}`}>
                {t(`nav.${view}`)}
                {view === "alerts" && unseen > 0 && (
                  <span className="badge count" data-testid="alerts-badge">
                    {unseen}
                    <span className="visually-hidden"> {t("nav.newAlerts")}</span>
                  </span>
                )}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
