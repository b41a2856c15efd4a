/**
 * Code actions on citations: quick fixes for the diagnostics that carry a replacement (unknown-unit with a
 * likely intended unit, non-canonical spellings), and two refactors that rewrite a citation's items:
 * "Expand range into list" (P1-P4 → P1, P2, P3, P4) and "Collapse list into range" (P1, P2, P3 → P1-P3).
 * Pure: offsets in, edits out.
 */
import type { Account } from '../accounts/account';
import { expandItem, rangeShapeProblem, type Citation, type CitationItem } from '../citations/codes';
import { DiagnosticCode, type CoreDiagnostic } from './diagnostics';

export interface CoreTextEdit {
  start: number;
  end: number;
  newText: string;
}

export type CoreCodeActionKind = 'quickfix' | 'refactor.rewrite';

export interface CoreCodeAction {
  title: string;
  kind: CoreCodeActionKind;
  edits: CoreTextEdit[];
  /** The diagnostics a quick fix resolves, so the editor can show it beside them. */
  diagnostics: CoreDiagnostic[];
  isPreferred?: boolean;
}

/** Longest range worth spelling out; beyond it a list stops being readable. */
const MAX_EXPANDED = 100;

function overlaps(aStart: number, aEnd: number, bStart: number, bEnd: number): boolean {
  return aStart <= bEnd && bStart <= aEnd;
}

function isFixable(d: CoreDiagnostic): d is CoreDiagnostic & { replacement: string } {
  return (
    (d.code === DiagnosticCode.UnknownUnit || d.code === DiagnosticCode.NonCanonical) &&
    typeof d.replacement === 'string'
  );
}

function quickFixes(diagnostics: readonly CoreDiagnostic[], start: number, end: number): CoreCodeAction[] {
  const fixable = diagnostics.filter(isFixable);
  const out: CoreCodeAction[] = fixable
    .filter((d) => overlaps(d.start, d.end, start, end))
    .map((d) => ({
      title: d.code === DiagnosticCode.UnknownUnit ? `Replace with ${d.replacement}` : `Write ${d.replacement}`,
      kind: 'quickfix' as const,
      edits: [{ start: d.start, end: d.end, newText: d.replacement }],
      diagnostics: [d],
      isPreferred: true,
    }));
  for (const d of diagnostics) {
    if (!d.fixes?.length || !overlaps(d.start, d.end, start, end)) continue;
    for (const fix of d.fixes) {
      const edit = { start: fix.start ?? d.start, end: fix.end ?? d.end, newText: fix.newText };
      out.push({
        title: fix.title,
        kind: 'quickfix',
        edits: [edit],
        diagnostics: [d],
        ...(d.fixes.length === 1 ? { isPreferred: true } : {}),
      });
    }
  }
  // One edit for every spelling in the file, when there is more than the one at hand.
  const canonical = fixable.filter((d) => d.code === DiagnosticCode.NonCanonical);
  if (out.some((a) => a.diagnostics[0].code === DiagnosticCode.NonCanonical) && canonical.length > 1) {
    out.push({
      title: 'Write every citation in this file in canonical form',
      kind: 'quickfix',
      edits: canonical.map((d) => ({ start: d.start, end: d.end, newText: d.replacement })),
      diagnostics: canonical,
    });
  }
  return out;
}

/** "P1, P2, P3, P4" for a well-formed range, undefined for anything else. */
export function expandedList(item: CitationItem): string | undefined {
  if (!item.isRange || rangeShapeProblem(item)) return undefined;
  const numbers = expandItem(item, MAX_EXPANDED + 1);
  if (numbers.length === 0 || numbers.length > MAX_EXPANDED) return undefined;
  return numbers.map((n) => `${item.kind}${n}`).join(', ');
}

/**
 * The items of a citation with every run of consecutive same-kind items, in the order written, merged into
 * one range; undefined when nothing merges. Items that do not take part keep their own spelling.
 */
export function collapsedList(items: readonly CitationItem[]): string | undefined {
  const parts: string[] = [];
  let merged = false;
  let i = 0;
  while (i < items.length) {
    const first = items[i];
    let j = i;
    if (!rangeShapeProblem(first)) {
      while (
        j + 1 < items.length &&
        !rangeShapeProblem(items[j + 1]) &&
        items[j + 1].kind === first.kind &&
        items[j + 1].from === items[j].to + 1
      )
        j++;
    }
    if (j > i) {
      parts.push(`${first.kind}${first.from}-${first.kind}${items[j].to}`);
      merged = true;
    } else {
      parts.push(first.text);
    }
    i = j + 1;
  }
  return merged ? parts.join(', ') : undefined;
}

function citationRefactors(citation: Citation, start: number, end: number): CoreCodeAction[] {
  const out: CoreCodeAction[] = [];
  const touched = citation.items.filter((i) => overlaps(i.start, i.end, start, end));
  // On the unit part (or a selection of the whole citation) every range of the citation is a target.
  const targets = touched.length ? touched : citation.items;
  const expansions = targets.flatMap((item) => {
    const list = expandedList(item);
    return list ? [{ start: item.start, end: item.end, newText: list }] : [];
  });
  if (expansions.length) {
    out.push({
      title: expansions.length === 1 ? 'Expand range into list' : 'Expand ranges into lists',
      kind: 'refactor.rewrite',
      edits: expansions,
      diagnostics: [],
    });
  }
  const collapsed = citation.items.length > 1 ? collapsedList(citation.items) : undefined;
  if (collapsed) {
    const first = citation.items[0];
    const last = citation.items[citation.items.length - 1];
    out.push({
      title: 'Collapse list into range',
      kind: 'refactor.rewrite',
      edits: [{ start: first.start, end: last.end, newText: collapsed }],
      diagnostics: [],
    });
  }
  return out;
}

/**
 * Actions for the range [start, end] (a cursor when equal). `diagnostics` are the core diagnostics of the
 * account as they are now, so fixes never apply to text that has since changed.
 */
export function computeCodeActions(
  account: Account,
  diagnostics: readonly CoreDiagnostic[],
  start: number,
  end: number,
): CoreCodeAction[] {
  const out = quickFixes(diagnostics, start, end);
  for (const citation of account.citations) {
    if (citation.unitCode && overlaps(citation.start, citation.end, start, end))
      out.push(...citationRefactors(citation, start, end));
  }
  return out;
}
