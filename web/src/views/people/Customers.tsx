// The CRM customers the person is linked to, and what each link rests on.
import { useTranslation } from "react-i18next";
import { Empty } from "../../components/QueryState";
import type { PersonViewCustomerLinkFragment } from "../../gql/graphql";
import { useFormat } from "../../lib/format";

export function CustomersSection({ links }: { links: readonly PersonViewCustomerLinkFragment[] }) {
  const { t } = useTranslation("person");
  const format = useFormat();
  return (
    <section className="panel person-section" aria-labelledby="person-customers">
      <h2 id="person-customers">{t("customers.title")}</h2>
      {links.length === 0 ? (
        <Empty>{t("customers.none")}</Empty>
      ) : (
        <ul className="customer-list">
          {links.map((link, index) => {
            const customer = link.customer;
            const name = [customer?.firstName, customer?.lastName].filter(Boolean).join(" ");
            return (
              <li key={customer?.externalId ?? index} className="customer-card">
                <h3>
                  <bdi>{name || customer?.externalId || t("customers.unknown")}</bdi>
                </h3>
                <dl className="facts">
                  {customer && (
                    <div>
                      <dt>{t("customers.externalId")}</dt>
                      <dd>
                        <bdi>{customer.externalId}</bdi>
                      </dd>
                    </div>
                  )}
                  {customer?.email && (
                    <div>
                      <dt>{t("customers.email")}</dt>
                      <dd>
                        <bdi>{customer.email}</bdi>
                      </dd>
                    </div>
                  )}
                  {customer?.city && (
                    <div>
                      <dt>{t("customers.city")}</dt>
                      <dd>
                        <bdi>{customer.city}</bdi>
                      </dd>
                    </div>
                  )}
                  {customer?.lifetimeValue != null && (
                    <div>
                      <dt>{t("customers.lifetimeValue")}</dt>
                      <dd>{format.number(customer.lifetimeValue, 2)}</dd>
                    </div>
                  )}
                  <div>
                    <dt>{t("customers.confidence")}</dt>
                    <dd>{format.percent(link.confidence)}</dd>
                  </div>
                </dl>
                {link.evidence.length > 0 && (
                  <>
                    <p className="label">{t("customers.evidence")}</p>
                    <ul className="evidence">
                      {link.evidence.map((item) => (
                        <li key={item}>
                          <bdi>{item}</bdi>
                        </li>
                      ))}
                    </ul>
                  </>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
