import { useTranslation } from "react-i18next";
import { Link, isRouteErrorResponse, useRouteError } from "react-router";

export function RouteError() {
  const { t } = useTranslation("common");
  const error = useRouteError();
  const missing = isRouteErrorResponse(error) && error.status === 404;
  return (
    <main className="centered" id="main">
      <h1>{missing ? t("notFound.title") : t("error.generic")}</h1>
      <p>
        <Link to="/map">{t("notFound.back")}</Link>
      </p>
    </main>
  );
}
