// People whose name or handle contains the search text; one result opens the person.
import { useTranslation } from "react-i18next";
import { Link, Navigate, useSearchParams } from "react-router";
import { useQuery } from "urql";
import { Page } from "../../components/Page";
import { Handle, PersonName } from "../../components/PersonName";
import { Empty, ErrorNote, Loading } from "../../components/QueryState";
import { PeopleSearchDocument } from "../../gql/graphql";

const PAGE = 50;

export function Component() {
  const { t } = useTranslation("people");
  const [params] = useSearchParams();
  const search = (params.get("search") ?? "").trim();
  const after = params.get("after");
  const [{ data, error, fetching }, retry] = useQuery({
    query: PeopleSearchDocument,
    variables: { search, first: PAGE, after },
    pause: search.length < 2,
  });
  const found = data?.people.edges ?? [];
  if (found.length === 1 && !after && found[0]) {
    return <Navigate to={`/people/${encodeURIComponent(found[0].node.id)}`} replace />;
  }
  return (
    <Page title={t("search.title", { search })}>
      {search.length < 2 && <Empty>{t("search.tooShort")}</Empty>}
      {error && <ErrorNote error={error} retry={() => retry({ requestPolicy: "network-only" })} />}
      {fetching && !data && <Loading />}
      {data && found.length === 0 && <Empty>{t("search.none")}</Empty>}
      {found.length > 0 && (
        <ul className="result-list">
          {found.map(({ node }) => (
            <li key={node.id}>
              <PersonName person={node} />{" "}
              {node.accounts.map((account) => (
                <Handle key={`${account.platform}:${account.handle}`} {...account} />
              ))}
            </li>
          ))}
        </ul>
      )}
      {data?.people.pageInfo.hasNextPage && data.people.pageInfo.endCursor && (
        <p>
          <Link
            to={`/people?search=${encodeURIComponent(search)}&after=${encodeURIComponent(
              data.people.pageInfo.endCursor,
            )}`}
          >
            {t("search.more")}
          </Link>
        </p>
      )}
    </Page>
  );
}
