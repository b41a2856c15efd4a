/**
 * A code lens on each `units:` entry of the front matter: "LMCA5 · P 22/29 · K 60/100", the unit's coverage
 * across the whole portfolio, so a candidate sees the gap without leaving the account.
 */
import type { Account } from '../accounts/account';
import type { Coverage } from '../coverage/coverage';
import type { Catalog } from '../standards/standards';

export interface CoreCodeLens {
  start: number;
  end: number;
  title: string;
  unitCode: string;
}

export function computeCodeLenses(catalog: Catalog, account: Account, coverage: Coverage): CoreCodeLens[] {
  const out: CoreCodeLens[] = [];
  for (const entry of account.frontMatter?.units ?? []) {
    const unit = catalog.unit(entry.text);
    if (!unit) continue;
    const covered = coverage.units.find((u) => u.code === unit.code)?.covered ?? { P: 0, K: 0 };
    out.push({
      start: entry.start,
      end: entry.end,
      unitCode: unit.code,
      title: `${unit.code} · P ${covered.P}/${unit.counts.P} · K ${covered.K}/${unit.counts.K}`,
    });
  }
  return out;
}
