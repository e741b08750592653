// /communities: the communities of the last ranking, largest first, each as a card of what
// it talks about, who leads it, where it talks and how it feels; and how the busiest ones'
// tone moved week by week.
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { useQuery } from "urql";
import { Page } from "../../components/Page";
import { Empty, ErrorNote, Loading } from "../../components/QueryState";
import { TrendChart } from "../../components/TrendChart";
import { CommunitiesListDocument, CommunitiesToneDocument } from "../../gql/graphql";
import { useFormat } from "../../lib/format";
import { CommunitySwatch } from "../../components/community/CommunityLink";
import { CommunityProfile } from "./Profile";
import { communityName, useCommunityRanks } from "../../components/community/ranks";
import "./communities.css";

const PAGE = 24;
/** Communities whose tone is charted: more lines would not read. */
const CHARTED = 6;

function pageOf(params: URLSearchParams): number {
  const page = Number.parseInt(params.get("page") ?? "1", 10);
  return Number.isFinite(page) && page > 1 ? page : 1;
}

export function Component() {
  const { t } = useTranslation("communities");
  const format = useFormat();
  const [params] = useSearchParams();
  const page = pageOf(params);
  const [{ data, error, fetching }, retry] = useQuery({
    query: CommunitiesListDocument,
    variables: { first: PAGE, offset: (page - 1) * PAGE },
  });
  const ranks = useCommunityRanks();
  const name = (id: string) => communityName(t, id, ranks?.get(id)?.rank);
  const total = data?.stats.communities ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE));

  return (
    <Page
      title={t("list.title")}
      intro={t("list.intro")}
      actions={<Link to="/map">{t("list.toMap")}</Link>}
    >
      {error && <ErrorNote error={error} retry={() => retry({ requestPolicy: "network-only" })} />}
      {fetching && !data && <Loading />}
      {data && data.communities.length === 0 && <Empty>{t("list.none")}</Empty>}
      {data && data.communities.length > 0 && (
        <>
          <p className="hint">{t("list.count", { count: total, n: format.number(total) })}</p>
          <ul className="community-cards grid" aria-label={t("list.label")}>
            {data.communities.map((community) => (
              <li key={community.id} className="panel community-card">
                <h2>
                  <CommunitySwatch rank={ranks?.get(community.id)?.rank} />
                  <Link to={`/communities/${encodeURIComponent(community.id)}`}>
                    {name(community.id)}
                  </Link>
                </h2>
                <CommunityProfile community={community} />
                <p className="card-links">
                  <Link to={`/map?community=${encodeURIComponent(community.id)}`}>
                    {t("list.onMap")}
                    <span className="visually-hidden"> {name(community.id)}</span>
                  </Link>
                </p>
              </li>
            ))}
          </ul>
          {pages > 1 && (
            <nav className="pages" aria-label={t("list.pages")}>
              {page > 1 && <Link to={`?page=${page - 1}`}>{t("list.previous")}</Link>}
              <span>{t("list.page", { page, pages })}</span>
              {page < pages && <Link to={`?page=${page + 1}`}>{t("list.next")}</Link>}
            </nav>
          )}
          <ToneOverTime name={name} />
        </>
      )}
    </Page>
  );
}

function ToneOverTime({ name }: { name: (id: string) => string }) {
  const { t } = useTranslation("communities");
  const [{ data, error }] = useQuery({
    query: CommunitiesToneDocument,
    variables: { first: CHARTED },
  });
  if (error || !data || data.communityTrends.length === 0) return null;
  return (
    <section aria-labelledby="communities-tone">
      <h2 id="communities-tone">{t("tone.title")}</h2>
      <p className="hint">{t("tone.intro")}</p>
      <div className="grid">
        {(["sentiment", "posts"] as const).map((measure) => (
          <div key={measure}>
            <h3>{t(`tone.${measure}`)}</h3>
            <TrendChart
              series={data.communityTrends}
              measure={measure}
              label={t(`tone.${measure}`)}
              names={name}
            />
          </div>
        ))}
      </div>
    </section>
  );
}
