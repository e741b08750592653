// Why a score is what it is: each factor as a bar of its share of the largest one, with
// its value written out (the bars are a picture of the numbers, not instead of them).
import { useFormat } from "../lib/format";

export interface FactorValue {
  name: string;
  value: number;
}

export function FactorBars({
  factors,
  label,
  names = (name) => name,
}: {
  factors: readonly FactorValue[];
  label: string;
  names?: (name: string) => string;
}) {
  const format = useFormat();
  const largest = Math.max(...factors.map((f) => Math.abs(f.value)), 1e-9);
  return (
    <dl className="factor-bars" aria-label={label}>
      {factors.map((factor) => (
        <div key={factor.name} className="factor">
          <dt>{names(factor.name)}</dt>
          <dd>
            <span className="bar" aria-hidden="true">
              <span
                className={factor.value < 0 ? "fill negative" : "fill"}
                style={{ width: `${(Math.abs(factor.value) / largest) * 100}%` }}
              />
            </span>
            <span className="value">{format.number(factor.value, 2)}</span>
          </dd>
        </div>
      ))}
    </dl>
  );
}
