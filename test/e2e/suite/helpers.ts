/**
 * Helpers for the end-to-end suite: waiting on conditions and events (never fixed sleeps), the fixture
 * portfolio, and reading what VS Code returns (labels, hover text, diagnostics of our source).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import pkg from '../../../package.json';

export const EXTENSION_ID = `${pkg.publisher}.${pkg.name}`;
export const SOURCE = 'reflective-accounts';

type Falsy = undefined | null | false | 0 | '';

export interface WaitOptions {
  /** Default 20 s. */
  timeout?: number;
  /** What is awaited, for the error message. */
  what: string;
  /** Re-check as soon as one of these fires (besides polling). */
  events?: Array<vscode.Event<unknown>>;
  /** Poll interval, default 100 ms. */
  interval?: number;
}

/**
 * Resolves with the first truthy value of `probe`, checked at once, on each of `events` and every `interval`
 * ms; rejects after `timeout` ms, naming what was awaited and the last value or error seen.
 */
export async function waitFor<T>(probe: () => T | Falsy | Promise<T | Falsy>, options: WaitOptions): Promise<T> {
  const { timeout = 20_000, what, events = [], interval = 100 } = options;
  const deadline = Date.now() + timeout;
  let last: unknown;
  let wake: () => void = () => {};
  const subscriptions = events.map((e) => e(() => wake()));
  try {
    for (;;) {
      try {
        const value = await probe();
        if (value) return value;
        last = value;
      } catch (e) {
        last = e;
      }
      const left = deadline - Date.now();
      if (left <= 0) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(interval, left));
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  } finally {
    for (const s of subscriptions) s.dispose();
  }
  const detail = last instanceof Error ? last.message : JSON.stringify(last);
  throw new Error(`timed out after ${timeout} ms waiting for ${what} (last: ${detail})`);
}

export function workspaceFolder(): vscode.WorkspaceFolder {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the suite runs with the fixture portfolio open as workspace folder');
  return folder;
}

export function accountUri(name: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceFolder().uri, name);
}

export async function openAccount(name: string, show = true): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(accountUri(name));
  if (show) await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

/** Position of `needle` in the document (its `at`-th character), failing clearly when it is absent. */
export function positionOf(doc: vscode.TextDocument, needle: string, at = 0): vscode.Position {
  const offset = doc.getText().indexOf(needle);
  assert.ok(offset >= 0, `${needle} in ${doc.uri.path}`);
  return doc.positionAt(offset + at);
}

export function rangeOf(doc: vscode.TextDocument, needle: string): vscode.Range {
  const start = positionOf(doc, needle);
  return new vscode.Range(start, start.translate(0, needle.length));
}

export function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

export function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

export function codeOf(d: vscode.Diagnostic): string | undefined {
  if (d.code === undefined) return undefined;
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

/** Our diagnostics of a document, optionally only those with a code. */
export function ours(uri: vscode.Uri, code?: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE && (!code || codeOf(d) === code));
}

/** Waits until `probe` finds something in the diagnostics, re-checking on every change of them. */
export function waitForDiagnostics<T>(what: string, probe: () => T | Falsy, timeout = 20_000): Promise<T> {
  return waitFor(probe, { what, timeout, events: [vscode.languages.onDidChangeDiagnostics as vscode.Event<unknown>] });
}

/** Replace the whole text of a document without saving it. */
export async function setText(doc: vscode.TextDocument, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), text);
  assert.ok(await vscode.workspace.applyEdit(edit), `edit applied to ${doc.uri.path}`);
}

/** Insert text at a position without saving. */
export async function insertText(doc: vscode.TextDocument, at: vscode.Position, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.insert(doc.uri, at, text);
  assert.ok(await vscode.workspace.applyEdit(edit), `insert applied to ${doc.uri.path}`);
}

/**
 * Runs `body` on a document and then puts its original text back (unsaved edits only; the file on disk is never
 * written), so that tests do not depend on each other.
 */
export async function withRestoredText<T>(doc: vscode.TextDocument, body: () => Promise<T>): Promise<T> {
  const original = doc.getText();
  try {
    return await body();
  } finally {
    if (doc.getText() !== original) await setText(doc, original);
  }
}

/** Completion items at a position, as VS Code's API returns them. */
export async function completionsAt(
  doc: vscode.TextDocument,
  position: vscode.Position,
): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>(
    'vscode.executeCompletionItemProvider',
    doc.uri,
    position,
  );
  return list?.items ?? [];
}

/** Ordered the way the editor would show them before filtering: by sortText, then label. */
export function bySortText(items: vscode.CompletionItem[]): vscode.CompletionItem[] {
  const key = (i: vscode.CompletionItem) => i.sortText ?? labelOf(i);
  return [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

export function allTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs);
}
