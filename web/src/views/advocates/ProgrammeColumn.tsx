// One column of the programme board: the people in a status, most recently moved first.
import { useTranslation } from "react-i18next";
import { useQuery } from "urql";
import { CursorPager, useCursorPages } from "../../components/CursorPager";
import { ErrorNote, Loading } from "../../components/QueryState";
import { ProgrammeColumnDocument, type AdvocateStatus } from "../../gql/graphql";
import { useFormat } from "../../lib/format";
import { ProgrammeCard } from "./ProgrammeCard";
import { REFRESH_ON_PROGRAMME_CHANGE } from "./programme";

const PAGE = 10;

export function ProgrammeColumn({
  status,
  onMoved,
}: {
  status: AdvocateStatus;
  onMoved(message: string): void;
}) {
  const { t } = useTranslation("programme");
  const format = useFormat();
  const pages = useCursorPages(status);
  const [{ data, error, fetching }, retry] = useQuery({
    query: ProgrammeColumnDocument,
    variables: { status, first: PAGE, after: pages.after },
    context: REFRESH_ON_PROGRAMME_CHANGE,
  });
  const column = data?.programmeMembers;
  const headingId = `column-${status.toLowerCase()}`;
  return (
    <section
      className={`board-column status-column-${status.toLowerCase()}`}
      aria-labelledby={headingId}
      data-testid={`column-${status}`}
    >
      <h2 id={headingId}>
        {t(`column.${status}`)}{" "}
        <span className="column-count" data-testid="column-count">
          {column ? format.number(column.totalCount) : ""}
        </span>
      </h2>
      <p className="hint">{t(`meaning.${status}`)}</p>
      {error && <ErrorNote error={error} retry={() => retry({ requestPolicy: "network-only" })} />}
      {fetching && !data && <Loading />}
      {column && column.edges.length === 0 && <p className="empty">{t("empty")}</p>}
      {column && column.edges.length > 0 && (
        <ol className="cards">
          {column.edges.map(({ node }) => (
            <li key={node.id}>
              <ProgrammeCard person={node} onMoved={onMoved} />
            </li>
          ))}
        </ol>
      )}
      <CursorPager
        pages={pages}
        pageInfo={column?.pageInfo}
        label={t("pages", { column: t(`column.${status}`) })}
      />
    </section>
  );
}
