/**
 * What "Rewrite Citations in Canonical Form" will change, worked out before anything is written: per account,
 * the edits and a line-by-line before/after for the confirmation. Pure (no vscode): the core parses each text
 * as the server does, with the client's lookup of the loaded standards.
 */
import {
  applyEdits,
  canonicalRewrite,
  lineStarts,
  parseAccount,
  positionAt,
  type BareCriteriaMode,
  type CoreTextEdit,
  type UnitsView,
} from '../../server/src/core';

export interface PlannedEdit extends CoreTextEdit {
  line: number;
  character: number;
  endLine: number;
  endCharacter: number;
}

export interface AccountPlan {
  uri: string;
  edits: PlannedEdit[];
  /** "ra1.md:6  SCDLMCB2 P7 → LMCB2/P7" lines for the confirmation. */
  changes: string[];
  /** Citation-shaped text left as written, with why. */
  left: string[];
}

export interface RewritePlan {
  accounts: AccountPlan[];
  citations: number;
  left: number;
}

export function planCanonicalRewrite(
  files: ReadonlyArray<{ uri: string; name: string; text: string }>,
  units: UnitsView,
  bareCriteria: BareCriteriaMode = 'context',
): RewritePlan {
  const accounts: AccountPlan[] = [];
  let citations = 0;
  let left = 0;
  for (const file of files) {
    const account = parseAccount(file.uri, file.text, units.resolve, { bareCriteria });
    const rewrite = canonicalRewrite(units, account, file.text);
    const starts = lineStarts(file.text);
    const edits = rewrite.edits.map((e) => {
      const from = positionAt(starts, e.start);
      const to = positionAt(starts, e.end);
      return { ...e, line: from.line, character: from.character, endLine: to.line, endCharacter: to.character };
    });
    const changes = edits.map((e) => `${file.name}:${e.line + 1}  ${file.text.slice(e.start, e.end)} → ${e.newText}`);
    const leftLines = rewrite.left.map(
      (l) => `${file.name}:${positionAt(starts, l.start).line + 1}  ${file.text.slice(l.start, l.end)}: ${l.reason}`,
    );
    left += leftLines.length;
    citations += edits.length;
    if (edits.length || leftLines.length) accounts.push({ uri: file.uri, edits, changes, left: leftLines });
  }
  return { accounts, citations, left };
}

/** The text of an account after its planned edits (for tests and previews). */
export function rewrittenText(text: string, plan: AccountPlan): string {
  return applyEdits(text, plan.edits);
}
