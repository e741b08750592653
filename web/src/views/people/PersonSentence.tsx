// A translated sentence with a person's name in it, where the translation says
// <person></person>: the name stays isolated (<bdi>), whatever its direction, and the words
// around it are in the order each language puts them.
import { Trans, useTranslation } from "react-i18next";
import { PersonName } from "../../components/PersonName";
import type { PersonLabelFragment } from "../../gql/graphql";

export function PersonSentence({
  i18nKey,
  person,
  link = true,
}: {
  i18nKey: string;
  person: PersonLabelFragment;
  link?: boolean;
}) {
  const { t } = useTranslation("person");
  return (
    <Trans
      t={t}
      i18nKey={i18nKey}
      components={{ person: <PersonName person={person} link={link} /> }}
    />
  );
}
