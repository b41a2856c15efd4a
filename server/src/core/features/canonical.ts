/**
 * The rewrite of a whole account to the canonical form (`LMCA5/P21, P22`): every citation whose unit is
 * clear (written, or named by its context) and the `units:` entries. What cannot be rewritten safely is left
 * as written and listed: bare criteria with no clear unit, unknown units and near misses (`P21a`, `P1.2`).
 * Used by the CLI's `fix --canonical` and the editor's command; both show the changes before writing.
 * Pure: an account in, edits and a summary out.
 */
import type { Account } from '../accounts/account';
import { canonicalCitation } from '../citations/codes';
import type { UnitResolver } from '../citations/codes';
import type { CoreTextEdit } from './codeActions';

/** What the rewrite needs of the loaded standards: the server's Catalog, or the client's lookup. */
export interface UnitsView {
  resolve: UnitResolver;
  unit(code: string): { code: string; counts: { P: number; K: number } } | undefined;
}

export interface LeftAsWritten {
  start: number;
  end: number;
  reason: string;
}

export interface CanonicalRewrite {
  edits: CoreTextEdit[];
  /** Citation-shaped text the rewrite leaves alone, and why. */
  left: LeftAsWritten[];
}

export function canonicalRewrite(catalog: UnitsView, account: Account, text: string): CanonicalRewrite {
  const edits: CoreTextEdit[] = [];
  const left: LeftAsWritten[] = [];
  for (const entry of account.frontMatter?.units ?? []) {
    const code = catalog.resolve(entry.text);
    if (code && code !== entry.text) edits.push({ start: entry.start, end: entry.end, newText: code });
  }
  for (const c of account.citations) {
    if (!c.unitCode || !catalog.unit(c.unitCode)) {
      left.push({
        start: c.start,
        end: c.end,
        reason: c.bare ? 'the unit is not clear here' : `unknown unit ${c.unitText}`,
      });
      continue;
    }
    const unit = catalog.unit(c.unitCode)!;
    if (
      c.bare &&
      !c.items.every((i) => i.from >= 1 && i.to <= unit.counts[i.toKind] && i.from <= unit.counts[i.kind])
    ) {
      left.push({
        start: c.start,
        end: c.end,
        reason: `${unit.code} has no such criterion: perhaps another unit is meant`,
      });
      continue;
    }
    const canonical = canonicalCitation(c.unitCode, c.items);
    if (text.slice(c.start, c.end) !== canonical) edits.push({ start: c.start, end: c.end, newText: canonical });
  }
  for (const m of account.nearMisses)
    left.push({ start: m.start, end: m.end, reason: `${m.text} counts nothing (${m.reason})` });
  edits.sort((a, b) => a.start - b.start);
  left.sort((a, b) => a.start - b.start);
  return { edits, left };
}

/** The text with non-overlapping edits applied. */
export function applyEdits(text: string, edits: readonly CoreTextEdit[]): string {
  const parts: string[] = [];
  let at = 0;
  for (const e of [...edits].sort((a, b) => a.start - b.start)) {
    parts.push(text.slice(at, e.start), e.newText);
    at = e.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}
