// People by advocacy class: one tab per class (kept in the URL), each person with their
// score, how sure their class is, the factors behind the score, their community and where
// they stand in the programme.
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { useQuery } from "urql";
import { CursorPager, useCursorPages } from "../../components/CursorPager";
import { FactorBars } from "../../components/FactorBars";
import { FilterTabs } from "../../components/FilterTabs";
import { PersonName } from "../../components/PersonName";
import { Empty, ErrorNote, Loading } from "../../components/QueryState";
import { AdvocatesByClassDocument, type AdvocatesByClassQuery } from "../../gql/graphql";
import { useFormat } from "../../lib/format";
import { CommunityLink } from "../../components/community/CommunityLink";
import { useCommunityRanks, type CommunityRanks } from "../../components/community/ranks";
import { explainScore } from "../../lib/factors";
import { ClassBadge, StatusBadge } from "../../components/Badges";
import { Certainty } from "../../components/Certainty";
import { stanceOf } from "../../lib/certainty";
import { CLASSES, classFromParam, classParam } from "./params";
import { REFRESH_ON_PROGRAMME_CHANGE } from "./programme";

const PAGE = 25;

type Advocate = AdvocatesByClassQuery["advocates"][number];

export function AdvocateList() {
  const { t } = useTranslation("advocates");
  const [params] = useSearchParams();
  const chosen = classFromParam(params.get("class"));
  // Pages are offsets (the API pages advocates by offset), kept as the pager's cursors.
  const pages = useCursorPages(chosen ?? "");
  const offset = Number(pages.after ?? 0);
  const [{ data, error, fetching }, retry] = useQuery({
    query: AdvocatesByClassDocument,
    // One more than shown: whether there is a next page.
    variables: { first: PAGE + 1, offset, class: chosen },
    context: REFRESH_ON_PROGRAMME_CHANGE,
  });
  const communities: CommunityRanks = useCommunityRanks() ?? new Map();
  const rows = data?.advocates.slice(0, PAGE) ?? [];
  const hasNext = (data?.advocates.length ?? 0) > PAGE;
  const caption = chosen ? t(`class.${chosen}.plural`) : t("list.everyone");
  return (
    <section aria-labelledby="advocates-by-class">
      {/* The tab above shows the title; the heading keeps the outline for screen readers. */}
      <h2 id="advocates-by-class" className="visually-hidden">
        {t("list.title")}
      </h2>
      <FilterTabs
        label={t("list.tabs")}
        param="class"
        tabs={[
          { value: null, label: t("list.everyone") },
          ...CLASSES.map((c) => ({ value: classParam(c), label: t(`class.${c}.plural`) })),
        ]}
      />
      <p className="class-definition">
        {chosen ? t(`class.${chosen}.definition`) : t("list.everyoneDefinition")}
      </p>
      <ClassDefinitions />
      {error && <ErrorNote error={error} retry={() => retry({ requestPolicy: "network-only" })} />}
      {fetching && !data && <Loading />}
      {data && rows.length === 0 && (
        <Empty>
          {chosen ? t("list.noneOfClass", { name: t(`class.${chosen}.plural`) }) : t("list.none")}
        </Empty>
      )}
      {rows.length > 0 && (
        <table className="advocates-table">
          <caption>
            {caption}
            <span className="caption-range">
              {" "}
              {t("list.range", { from: offset + 1, to: offset + rows.length })}
            </span>
          </caption>
          <thead>
            <tr>
              <th scope="col">{t("list.person")}</th>
              <th scope="col">{t("list.class")}</th>
              <th scope="col">{t("list.certainty")}</th>
              <th scope="col" className="number">
                {t("list.score")}
              </th>
              <th scope="col">{t("list.factors")}</th>
              <th scope="col">{t("list.community")}</th>
              <th scope="col">{t("list.programme")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((advocate) => (
              <AdvocateRow key={advocate.person.id} advocate={advocate} communities={communities} />
            ))}
          </tbody>
        </table>
      )}
      <CursorPager
        pages={pages}
        pageInfo={data ? { hasNextPage: hasNext, endCursor: String(offset + PAGE) } : undefined}
        label={t("list.pages")}
      />
    </section>
  );
}

function AdvocateRow({ advocate, communities }: { advocate: Advocate; communities: CommunityRanks }) {
  const { t } = useTranslation("advocates");
  const format = useFormat();
  const programme = advocate.person.programme;
  return (
    <tr>
      <th scope="row">
        <PersonName person={advocate.person} />
      </th>
      <td>
        <ClassBadge advocacyClass={advocate.class} />
      </td>
      <td data-testid="certainty">
        <Certainty stance={stanceOf(advocate)} />
      </td>
      <td className="number">{format.signed(advocate.score)}</td>
      <td>
        <Factors score={advocate.score} factors={advocate.factors} />
      </td>
      <td>
        <CommunityLink id={advocate.person.communityId} ranks={communities} />
      </td>
      <td>
        {programme ? (
          <>
            <StatusBadge status={programme.status} />{" "}
            <span className="since">{t("list.since", { date: format.date(programme.updatedAt) })}</span>
          </>
        ) : (
          <span className="muted">{t("list.notInProgramme")}</span>
        )}
      </td>
    </tr>
  );
}

/** The factors in one line (the figures a reader scans), and as bars on demand (the ones on
 * a common scale; the post count stays a figure). */
function Factors({ score, factors }: { score: number; factors: Advocate["factors"] }) {
  const { t } = useTranslation("advocates");
  const format = useFormat();
  const value = (name: string) => factors.find((factor) => factor.name === name)?.value;
  const { bars } = explainScore({ name: "advocacy", value: score, factors });
  const posts = value("posts");
  const summary = [
    t("factor.compact.lean", { value: format.signed(value("lean")) }),
    t("factor.compact.engagement", { value: format.percent(value("engagement")) }),
    t("factor.compact.influence", { value: format.percent(value("influence")) }),
    ...(value("customer") ? [t("factor.compact.customer")] : []),
    ...(posts !== undefined
      ? [t("factor.compact.posts", { count: posts, value: format.number(posts) })]
      : []),
  ];
  return (
    <details className="factors">
      <summary>{summary.join(" · ")}</summary>
      <FactorBars
        factors={bars}
        label={t("factor.label")}
        names={(name) => t(`factor.name.${name}`, { defaultValue: name })}
      />
    </details>
  );
}

/** Each class in one sentence, for readers who want the whole picture. */
function ClassDefinitions() {
  const { t } = useTranslation("advocates");
  const { t: tc } = useTranslation("common");
  return (
    <details className="class-definitions">
      <summary>{t("list.definitions")}</summary>
      <dl>
        {CLASSES.map((c) => (
          <div key={c}>
            <dt>{tc(`advocacyClass.${c}`)}</dt>
            <dd>{t(`class.${c}.definition`)}</dd>
          </div>
        ))}
      </dl>
      <p className="hint">{t("list.scoreDefinition")}</p>
    </details>
  );
}
