// A community as the map and the community pages show it: its colour and its name, a link
// to its page.
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { communityColour } from "../../lib/colours";
import { communityName, type CommunityRanks } from "./ranks";
import "./community.css";

export function CommunitySwatch({ rank }: { rank: number | undefined }) {
  return (
    <span className="swatch" aria-hidden="true" style={{ background: communityColour(rank) }} />
  );
}

export function CommunityLink({ id, ranks }: { id: string | null; ranks: CommunityRanks }) {
  const { t } = useTranslation("communities");
  if (id === null) return <>{t("name.none")}</>;
  const rank = ranks.get(id)?.rank;
  return (
    <Link to={`/communities/${encodeURIComponent(id)}`} className="community-link">
      <CommunitySwatch rank={rank} />
      {communityName(t, id, rank)}
    </Link>
  );
}
