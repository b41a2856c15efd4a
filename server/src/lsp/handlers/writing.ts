/**
 * The writing checks in the editor: their diagnostics (for the document asked about only, and only when its
 * text is at hand: an open document, or a closed one pulled on its own), the quick fix that anonymises a name
 * throughout the account, and the hover that explains a check.
 */
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver/node';
import {
  DIAGNOSTIC_SOURCE,
  WritingCode,
  anonymiseEdits,
  computeWritingDiagnostics,
  writingHover,
  writingSettingsOf,
  type WritingDiagnostic,
} from '../../core';
import type { DocumentState } from '../workspace';
import { lspSeverity, rangeOf } from './lsp';

/** The writing diagnostics of a document's current text (remembered per parsed account, so cheap to ask again). */
export function writingDiagnosticsOf(state: DocumentState): WritingDiagnostic[] {
  const text = state.text;
  if (!text) return [];
  return computeWritingDiagnostics(state.account, text, writingSettingsOf(state.folder.settings));
}

export function writingLspDiagnostics(state: DocumentState): Diagnostic[] {
  return writingDiagnosticsOf(state).map((d) => toLsp(state, d));
}

function toLsp(state: DocumentState, d: WritingDiagnostic): Diagnostic {
  return {
    range: rangeOf(state.account, d.start, d.end),
    severity: lspSeverity(d.severity),
    code: d.code,
    source: DIAGNOSTIC_SOURCE,
    message: d.message,
    data: d.name !== undefined ? { name: d.name, replacement: d.replacement } : {},
  };
}

/** "Replace “Margaret Thomson” with “MT” throughout this account", for names under [start, end]. */
export function writingCodeActions(state: DocumentState, clientUri: string, start: number, end: number): CodeAction[] {
  const text = state.text;
  const seen = new Set<string>();
  const out: CodeAction[] = [];
  for (const d of writingDiagnosticsOf(state)) {
    if (d.code !== WritingCode.IdentifiablePerson || !d.name || !d.replacement || d.start > end || d.end < start)
      continue;
    if (seen.has(d.name)) continue;
    seen.add(d.name);
    const edits = anonymiseEdits(text, d.name, d.replacement).map((e) => ({
      range: rangeOf(state.account, e.start, e.end),
      newText: e.newText,
    }));
    out.push({
      title: `Replace “${d.name}” with “${d.replacement}” throughout this account`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [toLsp(state, d)],
      isPreferred: true,
      edit: { changes: { [clientUri]: edits } },
    });
  }
  return out;
}

/** Hover that explains the writing check flagged at an offset, if any. */
export function writingHoverAt(
  state: DocumentState,
  offset: number,
): { markdown: string; start: number; end: number } | undefined {
  // The narrowest one: a name inside a hypothetical sentence explains the name.
  const d = writingDiagnosticsOf(state)
    .filter((w) => offset >= w.start && offset <= w.end)
    .sort((a, b) => a.end - a.start - (b.end - b.start))[0];
  return d && { markdown: `${d.message}\n\n---\n\n${writingHover(d)}`, start: d.start, end: d.end };
}
