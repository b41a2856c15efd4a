/**
 * Insert Criterion…: a searchable pick list over every loaded criterion (by code or text) that types the
 * canonical citation at each cursor, or just `P3` right after `LMCA5/` or in a list of that unit.
 * Units the account already cites come first, then the portfolio's, then the rest; each item says whether the
 * portfolio already covers it. Tests pass `{ unit, id }` to skip the pick list.
 */
import * as vscode from 'vscode';
import { scanCitations, type UnitResolver } from '../../../server/src/core';
import type { CitationLookup } from '../citationLookup';
import type { CriteriaCache } from '../criteriaCache';
import { portfolioFor, type CoverageStore } from '../coverageStore';
import { insertionText } from '../insertion';

interface CriterionPick extends vscode.QuickPickItem {
  code?: string;
  id?: string;
}

async function insertAtCursors(
  editor: vscode.TextEditor,
  code: string,
  id: string,
  resolve: UnitResolver,
): Promise<void> {
  await editor.edit((edit) => {
    for (const selection of editor.selections) {
      const prefix = editor.document.lineAt(selection.start.line).text.slice(0, selection.start.character);
      edit.replace(selection, insertionText(prefix, code, id, resolve));
    }
  });
}

/** 0 for units this account cites, 1 for the portfolio's other units, 2 for the rest. */
function unitRanks(
  editor: vscode.TextEditor,
  lookup: CitationLookup,
  portfolioUnits: readonly string[],
): Map<string, number> {
  const ranks = new Map<string, number>();
  for (const code of portfolioUnits) ranks.set(code, 1);
  for (const c of scanCitations(editor.document.getText(), lookup.resolve)) if (c.unitCode) ranks.set(c.unitCode, 0);
  return ranks;
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export async function insertCriterion(cache: CriteriaCache, store: CoverageStore, args?: unknown): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('Open a reflective account to insert a criterion.');
    return;
  }
  const lookup = cache.lookup.loaded ? cache.lookup : await cache.refresh();
  if (lookup.units.length === 0) {
    void vscode.window.showWarningMessage('No standards are loaded yet. Is the Reflective Accounts server running?');
    return;
  }
  const wanted = args as { unit?: unknown; id?: unknown } | undefined;
  if (typeof wanted?.unit === 'string' && typeof wanted.id === 'string') {
    const code = lookup.resolve(wanted.unit);
    const criterion = code ? lookup.criterion(code, wanted.id) : undefined;
    if (code && criterion) return insertAtCursors(editor, code, criterion.id, lookup.resolve);
  }
  const portfolio = portfolioFor(store.current, editor.document.uri);
  const ranks = unitRanks(editor, lookup, portfolio?.units.map((u) => u.code) ?? []);
  const units = [...lookup.units].sort((a, b) => (ranks.get(a.code) ?? 2) - (ranks.get(b.code) ?? 2));
  const items: CriterionPick[] = [];
  for (const unit of units) {
    const states = new Map(portfolio?.units.find((u) => u.code === unit.code)?.criteria.map((c) => [c.id, c]) ?? []);
    items.push({ label: `${unit.code} · ${shorten(unit.title, 60)}`, kind: vscode.QuickPickItemKind.Separator });
    for (const c of unit.criteria) {
      const state = states.get(c.id);
      const description = !state
        ? undefined
        : state.state === 'covered'
          ? '$(pass) covered'
          : state.state === 'partial'
            ? '$(circle-large-outline) below the minimum'
            : 'not yet covered';
      items.push({ label: `${unit.code}/${c.id}`, description, detail: c.text, code: unit.code, id: c.id });
    }
  }
  const pick = await vscode.window.showQuickPick(items, {
    title: 'Insert Criterion',
    placeHolder: 'Type a code (LMCA5/P3) or words of the criterion',
    matchOnDetail: true,
  });
  if (!pick?.code || !pick.id) return;
  await insertAtCursors(editor, pick.code, pick.id, lookup.resolve);
}
