// Who took an action, as the audit trail records it: a key's name (its id beside it, for
// the record), or the system's own name.
import { useTranslation } from "react-i18next";
import { parseActor } from "../../lib/actor";

export function Actor({ actor }: { actor: string }) {
  const { t } = useTranslation("person");
  const { name, keyId } = parseActor(actor);
  return (
    <span className="actor">
      <bdi>{name}</bdi>
      {keyId && <span className="hint"> {t("actor.key", { id: keyId })}</span>}
    </span>
  );
}
