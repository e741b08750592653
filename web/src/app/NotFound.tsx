import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Page } from "../components/Page";

export function Component() {
  const { t } = useTranslation("common");
  return (
    <Page title={t("notFound.title")}>
      <p>
        <Link to="/map">{t("notFound.back")}</Link>
      </p>
    </Page>
  );
}
