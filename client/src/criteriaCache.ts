/**
 * Every loaded criterion, asked of the server once and again whenever the standards may have changed (reload,
 * the unitAliases setting, a .standards/*.json file). The preview plugin and Insert Criterion… read it.
 */
import * as vscode from 'vscode';
import { CriteriaRequest, type CriteriaResult } from '../../server/src/protocol';
import { buildCitationLookup, EMPTY_LOOKUP, type CitationLookup } from './citationLookup';
import type { Server } from './languageClient';

export interface CriteriaCache extends vscode.Disposable {
  readonly lookup: CitationLookup;
  readonly onDidChange: vscode.Event<CitationLookup>;
  refresh(): Promise<CitationLookup>;
}

function unitAliasesSetting(): Record<string, string> {
  const raw = vscode.workspace.getConfiguration('reflectiveAccounts').get<unknown>('unitAliases');
  return raw && typeof raw === 'object' ? (raw as Record<string, string>) : {};
}

export function createCriteriaCache(server: Server): CriteriaCache {
  let lookup = EMPTY_LOOKUP;
  const changed = new vscode.EventEmitter<CitationLookup>();
  const refresh = async () => {
    const result = await server.request<CriteriaResult>(CriteriaRequest, {});
    if (result) {
      lookup = buildCitationLookup(result, unitAliasesSetting());
      changed.fire(lookup);
    }
    return lookup;
  };
  const watcher = vscode.workspace.createFileSystemWatcher('**/.standards/*.json');
  const subscriptions = [
    changed,
    watcher,
    watcher.onDidChange(() => void refresh()),
    watcher.onDidCreate(() => void refresh()),
    watcher.onDidDelete(() => void refresh()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('reflectiveAccounts')) void refresh();
    }),
  ];
  void refresh();
  return {
    get lookup() {
      return lookup;
    },
    onDidChange: changed.event,
    refresh,
    dispose: () => subscriptions.forEach((d) => d.dispose()),
  };
}
