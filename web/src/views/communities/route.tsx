// Placeholder until the view is built.
import { useTranslation } from "react-i18next";
import { Page } from "../../components/Page";

export function Component() {
  const { t } = useTranslation("common");
  return <Page title={t("nav.communities")}>{null}</Page>;
}
