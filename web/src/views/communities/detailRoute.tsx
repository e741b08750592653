// /communities/:id: one community: its profile, its tone week by week, its part of the
// influencer map and its members, most influential first.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { useQuery } from "urql";
import { CursorPager, useCursorPages } from "../../components/CursorPager";
import { Page } from "../../components/Page";
import { Handle, PersonName } from "../../components/PersonName";
import { Empty, ErrorNote, Loading } from "../../components/QueryState";
import { TrendChart } from "../../components/TrendChart";
import {
  CommunitiesToneDocument,
  CommunityDetailDocument,
  CommunityMembersDocument,
} from "../../gql/graphql";
import { useFormat } from "../../lib/format";
import { NO_FILTERS } from "../map/filters";
import { InfluencerMap, type MapView } from "../map/InfluencerMap";
import { CommunitySwatch } from "../../components/community/CommunityLink";
import { CommunityProfile } from "./Profile";
import { communityName, useCommunityRanks } from "../../components/community/ranks";
import "./communities.css";

const MEMBERS_PAGE = 25;
/** The community's part of the map: its most influential members and their ties. */
const MAP_PEOPLE = 150;
/** Community trends are listed busiest first; a community past these has no chart. */
const TRENDS_SEARCHED = 50;

export function Component() {
  const { t } = useTranslation("communities");
  const id = useParams().id ?? "";
  const [{ data, error, fetching }, retry] = useQuery({
    query: CommunityDetailDocument,
    variables: { id },
  });
  const ranks = useCommunityRanks();
  const rank = ranks?.get(id)?.rank;
  const title = communityName(t, id, rank);
  const community = data?.community;

  return (
    <Page title={title} intro={<Link to="/communities">{t("detail.back")}</Link>}>
      {error && <ErrorNote error={error} retry={() => retry({ requestPolicy: "network-only" })} />}
      {fetching && !data && <Loading />}
      {data && !community && <Empty>{t("detail.missing")}</Empty>}
      {community && (
        <>
          <section className="panel community-summary" aria-label={t("detail.profile")}>
            <CommunitySwatch rank={rank} />
            <CommunityProfile community={community} voices={10} />
          </section>
          <Tone id={id} title={title} />
          <section aria-labelledby="community-map">
            <div className="section-head">
              <h2 id="community-map">{t("detail.map")}</h2>
              <Link to={`/map?community=${encodeURIComponent(id)}`}>{t("detail.fullMap")}</Link>
            </div>
            <CommunityMap id={id} />
          </section>
          <Members id={id} title={title} />
        </>
      )}
    </Page>
  );
}

function Tone({ id, title }: { id: string; title: string }) {
  const { t } = useTranslation("communities");
  const [{ data }] = useQuery({
    query: CommunitiesToneDocument,
    variables: { first: TRENDS_SEARCHED },
  });
  const series = data?.communityTrends.filter((trend) => trend.key === id) ?? [];
  if (series.length === 0) return null;
  const name = () => title;
  return (
    <section aria-labelledby="community-tone">
      <h2 id="community-tone">{t("detail.tone")}</h2>
      <div className="grid">
        {(["sentiment", "posts"] as const).map((measure) => (
          <div key={measure}>
            <h3>{t(`tone.${measure}`)}</h3>
            <TrendChart
              series={series}
              measure={measure}
              label={t(`tone.${measure}`)}
              names={name}
              height={200}
            />
          </div>
        ))}
      </div>
    </section>
  );
}

function CommunityMap({ id }: { id: string }) {
  const [view, setView] = useState<MapView>("map");
  return (
    <InfluencerMap
      filters={{ ...NO_FILTERS, first: MAP_PEOPLE, communityId: id }}
      view={view}
      onView={setView}
    />
  );
}

function Members({ id, title }: { id: string; title: string }) {
  const { t } = useTranslation("communities");
  const { t: tc } = useTranslation("common");
  const format = useFormat();
  const pages = useCursorPages(id);
  const [{ data, error, fetching }] = useQuery({
    query: CommunityMembersDocument,
    variables: { id, first: MEMBERS_PAGE, after: pages.after },
  });
  const members = data?.community?.members;
  return (
    <section aria-labelledby="community-members">
      <h2 id="community-members">{t("members.title")}</h2>
      {error && <ErrorNote error={error} />}
      {fetching && !data && <Loading />}
      {members && members.edges.length === 0 && <Empty>{t("members.none")}</Empty>}
      {members && members.edges.length > 0 && (
        <table className="members" data-testid="community-members" aria-busy={fetching}>
          <caption>{t("members.caption", { name: title, page: pages.page })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("members.person")}</th>
              <th scope="col">{t("members.accounts")}</th>
              <th scope="col" className="number">
                {t("members.influence")}
              </th>
              <th scope="col">{t("members.advocacy")}</th>
            </tr>
          </thead>
          <tbody>
            {members.edges.map(({ node }) => (
              <tr key={node.id}>
                <th scope="row">
                  <PersonName person={node} />
                </th>
                <td>
                  {node.accounts.map((account) => (
                    <Handle key={`${account.platform}:${account.handle}`} {...account} />
                  ))}
                </td>
                <td className="number">
                  {format.number(node.scores.find((score) => score.name === "influence")?.value, 2)}
                </td>
                <td>{node.advocacyClass ? tc(`advocacyClass.${node.advocacyClass}`) : "–"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <CursorPager pages={pages} pageInfo={members?.pageInfo} label={t("members.pages")} />
    </section>
  );
}
