// How sure an advocacy class is, and the posts about the brand it rests on, in one line
// ("82% sure · 12 posts about the brand"): read beside the class, everywhere it is shown.
import { useTranslation } from "react-i18next";
import { certaintyOf, type Stance } from "../lib/certainty";
import { useFormat } from "../lib/format";

export function Certainty({ stance }: { stance: Stance }) {
  const { t } = useTranslation("common");
  const format = useFormat();
  const found = certaintyOf(stance);
  const percent = "percent" in found ? format.percent(found.percent / 100) : "";
  const how =
    found.kind === "leans"
      ? t("certainty.leans", { side: t(`sentiment.${found.side}`), percent })
      : t(`certainty.${found.kind}`, { percent });
  const evidence = t("certainty.evidence", {
    count: found.evidence,
    value: format.number(found.evidence),
  });
  return <span className="certainty">{`${how} · ${evidence}`}</span>;
}
