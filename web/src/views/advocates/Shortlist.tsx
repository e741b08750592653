// The ambassador shortlist: its constraints (kept in the URL), computed on request, why it
// is shorter than asked (when it is), its expected reach beside the PageRank top-K's, its
// members and why each is on it, and (for managers) invitations to the programme.
import { useId, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { useQuery } from "urql";
import { Empty, ErrorNote, Loading } from "../../components/QueryState";
import { AdvocatesShortlistDocument } from "../../gql/graphql";
import { useCommunityRanks, type CommunityRanks } from "../../components/community/ranks";
import {
  DEFAULT_CONSTRAINTS,
  FIELDS,
  MAX_SIZE,
  constraintsFromForm,
  constraintsFromParams,
  withConstraints,
  type ShortlistConstraints,
} from "./params";
import { BaselineList } from "./BaselineList";
import { ReachComparison } from "./ReachComparison";
import { readShortfall } from "./reach";
import { ShortlistMembers } from "./ShortlistMembers";

export function Shortlist() {
  const { t } = useTranslation("advocates");
  const [params, setParams] = useSearchParams();
  const asked = constraintsFromParams(params);
  const [{ data, error, fetching }, retry] = useQuery({
    query: AdvocatesShortlistDocument,
    variables: asked ?? DEFAULT_CONSTRAINTS,
    pause: asked === null,
  });
  const communities: CommunityRanks = useCommunityRanks() ?? new Map();
  const result = data?.ambassadorShortlist;
  const computing = asked !== null && fetching;
  return (
    <>
      <section aria-labelledby="shortlist-form">
        <h2 id="shortlist-form" className="visually-hidden">
          {t("shortlist.title")}
        </h2>
        <p className="intro">{t("shortlist.intro")}</p>
        <ConstraintsForm
          // A new URL (the back button, a shared link) starts the form again from it.
          key={params.toString()}
          constraints={asked ?? DEFAULT_CONSTRAINTS}
          computing={computing}
          onSubmit={(constraints) => setParams(withConstraints(params, constraints))}
        />
      </section>
      {computing && <Loading label={t("shortlist.computing")} />}
      {error && <ErrorNote error={error} retry={() => retry({ requestPolicy: "network-only" })} />}
      {asked === null && <p className="hint">{t("shortlist.notYet")}</p>}
      {asked !== null && result && (
        // While new constraints are computed, the previous results stay, dimmed.
        <div className="shortlist-results" aria-busy={computing} data-testid="shortlist-results">
          {result.members.length === 0 ? (
            <Empty>{t("shortlist.none")}</Empty>
          ) : (
            <>
              {result.shortfall && <ShortfallNote text={result.shortfall} />}
              <ReachComparison result={result} communities={communities} />
              <ShortlistMembers result={result} communities={communities} />
              <BaselineList result={result} communities={communities} />
            </>
          )}
        </div>
      )}
    </>
  );
}

/** Why there are fewer ambassadors than asked for, in the reader's language. */
function ShortfallNote({ text }: { text: string }) {
  const { t } = useTranslation("advocates");
  const shortfall = readShortfall(text);
  const said =
    shortfall.kind === "few"
      ? t("shortlist.shortfall.few", { count: shortfall.eligible })
      : shortfall.kind === "cap"
        ? t("shortlist.shortfall.cap", shortfall)
        : t("shortlist.shortfall.other", { reason: shortfall.reason });
  return (
    <p className="shortfall" data-testid="shortfall">
      {said}
    </p>
  );
}

function ConstraintsForm({
  constraints,
  computing,
  onSubmit,
}: {
  constraints: ShortlistConstraints;
  computing: boolean;
  onSubmit(constraints: ShortlistConstraints): void;
}) {
  const { t } = useTranslation("advocates");
  const id = useId();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSubmit(constraintsFromForm(new FormData(event.currentTarget)));
  };
  return (
    <form className="shortlist-constraints" aria-label={t("shortlist.constraints")} onSubmit={submit}>
      <div className="field">
        <label htmlFor={`${id}-size`}>{t("shortlist.size")}</label>
        <input
          id={`${id}-size`}
          name={FIELDS.size}
          type="number"
          inputMode="numeric"
          min={1}
          max={MAX_SIZE}
          step={1}
          required
          defaultValue={constraints.size}
          aria-describedby={`${id}-size-hint`}
        />
        <p id={`${id}-size-hint`} className="hint">
          {t("shortlist.sizeHint", { max: MAX_SIZE })}
        </p>
      </div>
      <div className="field">
        <label htmlFor={`${id}-per-community`}>{t("shortlist.perCommunity")}</label>
        <input
          id={`${id}-per-community`}
          name={FIELDS.perCommunity}
          type="number"
          inputMode="numeric"
          min={1}
          max={MAX_SIZE}
          step={1}
          defaultValue={constraints.maxPerCommunity ?? ""}
          aria-describedby={`${id}-per-community-hint`}
        />
        <p id={`${id}-per-community-hint`} className="hint">
          {t("shortlist.perCommunityHint")}
        </p>
      </div>
      <div className="field checkbox">
        <input
          id={`${id}-customers`}
          name={FIELDS.customers}
          type="checkbox"
          value="1"
          defaultChecked={constraints.customersOnly}
        />
        <label htmlFor={`${id}-customers`}>{t("shortlist.customersOnly")}</label>
      </div>
      <button type="submit" className="primary" disabled={computing}>
        {computing ? t("shortlist.choosing") : t("shortlist.choose")}
      </button>
    </form>
  );
}
