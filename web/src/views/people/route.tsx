// The person 360 view: who someone is across platforms, why they score as they do, how
// their tone moves, what they post, who they talk with, whether they are a customer, where
// they stand in the programme, and how their identity was put together. One query paints
// it all; sections fetch more (older posts, another bucket, a path) when asked.
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { useQuery } from "urql";
import { Page } from "../../components/Page";
import { ErrorNote, Loading } from "../../components/QueryState";
import { personLabel } from "../../components/PersonName";
import { PersonViewDocument, type PersonViewQuery } from "../../gql/graphql";
import { PersonHeader } from "./Header";
import { ScoresSection } from "./Scores";
import { SentimentSection } from "./SentimentSection";
import { POSTS_PAGE, PostsSection } from "./Posts";
import { ProgrammeSection } from "./Programme";
import { CustomersSection } from "./Customers";
import { TiesSection } from "./Ties";
import { IdentitySection } from "./Identity";
import "./person.css";

const TIES = 10;

export type PersonView = NonNullable<PersonViewQuery["person"]>;

export function Component() {
  const { t } = useTranslation("person");
  const { id = "" } = useParams();
  const [{ data, error, fetching }, refetch] = useQuery({
    query: PersonViewDocument,
    variables: { id, posts: POSTS_PAGE, ties: TIES },
  });
  // After a change (a status, a merge, a split) the page reads the person again; what it
  // shows stays in place until the new answer arrives.
  const reload = () => refetch({ requestPolicy: "network-only" });

  if (!data) {
    return (
      <Page title={t("title")}>
        {error ? <ErrorNote error={error} retry={reload} /> : fetching && <Loading />}
      </Page>
    );
  }
  if (!data.person) {
    return (
      <Page title={t("notFound.title")} intro={t("notFound.intro", { id })}>
        {null}
      </Page>
    );
  }
  // Keyed by person: what one person's sections hold (pages read, open forms) is not another's.
  return <PersonPage key={data.person.id} person={data.person} reload={reload} />;
}

function PersonPage({ person, reload }: { person: PersonView; reload: () => void }) {
  const label = personLabel(person);
  useEffect(() => {
    document.title = `${label} · Osmosi`;
  }, [label]);
  return (
    <article className="person-360" aria-labelledby="person-name">
      <PersonHeader person={person} />
      <div className="person-columns">
        <div className="person-main">
          <ScoresSection person={person} />
          <SentimentSection person={person} />
          <PostsSection person={person} />
        </div>
        <div className="person-side">
          <ProgrammeSection person={person} onChanged={reload} />
          <CustomersSection links={person.customers} />
          <TiesSection person={person} />
          <IdentitySection person={person} onChanged={reload} />
        </div>
      </div>
    </article>
  );
}
