/**
 * The server's view of the world, put together from three parts: the portfolios (folders.ts: which folder
 * owns a file), the open documents (documents.ts: open, dirty, flush) and the indexer (indexer.ts: accounts
 * kept up to date from the editor's text or the disk, "editor text wins" decided in one function). This file
 * wires them to the LSP events and requests, and reports which portfolios changed.
 *
 * A folder being indexed reports its changes once, at the end, instead of once per document opened meanwhile.
 */
import { computeCoverage, removeAccount, type Coverage } from '../core';
import { bundledCatalog, loadCatalog } from '../io/catalog';
import { normalizeUri, pathToUri, uriToPath } from '../io/uris';
import { createDocuments } from './documents';
import { createFolders, isAccountOf, isStandardsFileOf, newFolder } from './folders';
import { createIndexer } from './indexer';
import { createProblemLog } from './problemLog';
import { sameSettings, settingsChange } from './settingsChange';
import type { DocumentState, Folder, WorkspaceHost } from './types';
export type { DocumentState, Folder, ProgressReporter, WorkspaceChange, WorkspaceHost } from './types';

export function createWorkspace(host: WorkspaceHost) {
  const folders = createFolders();
  const documents = createDocuments();
  const problems = createProblemLog(host);
  const indexer = createIndexer(host, documents, folders, problems);
  let started: Promise<void> = Promise.resolve();
  let flushPending = false;

  function scheduleFlush(): void {
    if (flushPending) return;
    flushPending = true;
    setImmediate(flush);
  }

  /** Parses whatever is still dirty and tells the server which portfolios changed. */
  function flush(everything = false): void {
    flushPending = false;
    for (const doc of documents.takeDirty()) indexer.parseOpen(doc.folder, doc.key);
    const changed = indexer.takeChanged();
    if (changed.length || everything) host.didChange({ folders: everything ? folders.all() : changed, everything });
  }

  function loadLooseCatalog() {
    return loadCatalog(host.fs, undefined, folders.looseSettings, host.trusted);
  }

  function whenIndexed(folder: Folder, job: Promise<void>): Promise<void> {
    folder.ready = job
      .catch((e) => host.warn(`Indexing ${folder.name} failed: ${(e as Error)?.stack ?? e}`))
      .then(() => {
        // One indexing job of the folder is over (done, failed or superseded): report what changed.
        folder.indexing--;
        flush(true);
      });
    return folder.ready;
  }

  function startIndexing(folder: Folder): Promise<void> {
    folder.indexing++;
    return whenIndexed(folder, indexer.indexFolder(folder));
  }

  /**
   * The folder exists at once (so documents opened meanwhile find their portfolio); its settings, catalogue
   * and accounts follow, and `ready` settles when they are in.
   */
  function addFolder(uri: string, name: string): Promise<void> {
    const key = normalizeUri(uri);
    const folderPath = uriToPath(key);
    if (!folderPath) {
      host.warn(`Folder ${uri} is not on the file system; its accounts are analysed only when open`);
      return Promise.resolve();
    }
    const folder = newFolder(key, name, folderPath, folders.looseSettings, bundledCatalog());
    folder.indexing++; // from now: its settings are fetched before indexing starts
    folders.add(folder);
    rehomeOpenDocuments();
    return whenIndexed(
      folder,
      (async () => {
        folder.settings = await host.fetchSettings(uri);
        rehomeOpenDocuments();
        await indexer.indexFolder(folder);
      })(),
    );
  }

  /** Moves open documents whose portfolio changed (a folder added or removed, include/exclude changed). */
  function rehomeOpenDocuments(): void {
    for (const doc of documents.all()) {
      const home = folders.homeOf(doc.key);
      if (home === doc.folder) continue;
      if (removeAccount(doc.folder.portfolio, doc.key)) indexer.touched(doc.folder);
      if (doc.folder.path === undefined) folders.dropLoose(doc.key);
      doc.folder = home;
      indexer.parseOpen(home, doc.key);
    }
  }

  function foldersNow(uri?: string): Folder[] {
    if (!uri) return folders.reported();
    const key = normalizeUri(uri);
    const match = folders.workspaceFolder(key) ?? documents.get(key)?.folder ?? folders.holding(key);
    return match ? [match] : [];
  }

  return {
    /** Reads settings and indexes every folder; requests made meanwhile wait for it. */
    initialize(workspaceFolders: ReadonlyArray<{ uri: string; name: string }>): Promise<void> {
      const indexed = workspaceFolders.map((f) => addFolder(f.uri, f.name));
      started = (async () => {
        folders.looseSettings = await host.fetchSettings(undefined);
        folders.looseCatalog = await loadLooseCatalog();
        problems.standards(folders.looseCatalog);
        if (!host.trusted) host.log('Untrusted workspace: user standards (.standards/, standardsPaths) are not loaded');
        await Promise.all(indexed);
      })();
      return started;
    },
    addFolder,
    removeFolder(uri: string): void {
      if (!folders.remove(normalizeUri(uri))) return;
      rehomeOpenDocuments();
      flush(true);
    },

    open(clientUri: string): void {
      const key = normalizeUri(clientUri);
      // Parsed at the next flush: TextDocuments reports a content change right after the open, and parsing
      // on both would parse every opened account twice.
      documents.open(key, clientUri, folders.homeOf(key));
      scheduleFlush();
    },
    change(clientUri: string): void {
      if (documents.markDirty(normalizeUri(clientUri))) scheduleFlush();
    },
    /** A closed account goes back to its file's text; one outside every folder (or gone from disk) leaves. */
    async close(clientUri: string): Promise<void> {
      const key = normalizeUri(clientUri);
      const doc = documents.close(key);
      if (!doc) return;
      const refreshed = await indexer.refresh(doc.folder, key, { deleted: doc.folder.path === undefined });
      if (refreshed === 'open') return; // opened again while the disk was read
      if (refreshed === 'gone') folders.dropLoose(key);
      indexer.touched(doc.folder);
      scheduleFlush();
    },

    /** The document's portfolio, account and text, up to date; waits for its folder to be indexed. */
    async documentState(clientUri: string): Promise<DocumentState | undefined> {
      const key = normalizeUri(clientUri);
      await started;
      const folder = documents.get(key)?.folder ?? folders.holding(key);
      if (!folder) return undefined;
      await folder.ready;
      const doc = documents.get(key);
      if (doc) {
        if (documents.takeDirtyOne(key)) {
          indexer.parseOpen(doc.folder, key);
          scheduleFlush();
        }
        const account = doc.folder.portfolio.accounts.get(key);
        if (!account) return undefined;
        // The text only when read: a diagnostics pull needs the parsed account alone.
        const clientUri = doc.clientUri;
        return {
          folder: doc.folder,
          account,
          get text() {
            return host.openText(clientUri) ?? '';
          },
        };
      }
      // A closed account: its text is read again, and re-parsed if the file changed without a watcher event.
      const refreshed = await indexer.refresh(folder, key);
      scheduleFlush();
      if (typeof refreshed === 'string') return undefined;
      return { folder, account: refreshed.account, text: refreshed.text };
    },

    async watchedFilesChanged(changes: ReadonlyArray<{ uri: string; deleted: boolean }>): Promise<void> {
      const reload = new Set<Folder>();
      for (const change of changes) {
        const file = uriToPath(change.uri);
        if (!file) continue;
        const key = pathToUri(file);
        for (const folder of folders.workspaceFolders()) {
          if (isStandardsFileOf(folder, file)) reload.add(folder);
          if (isAccountOf(folder, file) && folders.homeOf(key) === folder)
            await indexer.refresh(folder, key, { deleted: change.deleted });
        }
      }
      for (const folder of reload) await indexer.reloadCatalog(folder);
      flush(reload.size > 0);
    },

    /** Settings may have changed: re-index, reload or re-check only what a changed setting affects. */
    async configurationChanged(): Promise<void> {
      const looseBefore = folders.looseSettings;
      folders.looseSettings = await host.fetchSettings(undefined);
      const looseChanged = !sameSettings(looseBefore, folders.looseSettings);
      if (looseChanged) folders.looseCatalog = await loadLooseCatalog();
      let changed = looseChanged;
      const reindex: Folder[] = [];
      for (const folder of folders.all()) {
        const before = folder.settings;
        folder.settings = folder.path ? await host.fetchSettings(folder.uri) : folders.looseSettings;
        if (!folder.path) {
          if (looseChanged) await indexer.reloadCatalog(folder); // a loose file's catalogue comes from the loose settings
          continue;
        }
        const change = settingsChange(before, folder.settings);
        if (change !== 'none') changed = true;
        if (change === 'reindex') reindex.push(folder);
        else if (change === 'reload') await indexer.reloadCatalog(folder);
      }
      rehomeOpenDocuments();
      await Promise.all(reindex.map(startIndexing));
      // Unchanged settings ask no client to pull everything again.
      flush(changed);
    },

    async reloadStandards(): Promise<void> {
      folders.looseCatalog = await loadLooseCatalog();
      for (const folder of folders.all()) await indexer.reloadCatalog(folder);
      flush(true);
    },

    /** Portfolios to report, once indexed: the one holding `uri` (a document or folder), else every folder (or loose file). */
    async foldersFor(uri?: string): Promise<Folder[]> {
      await started;
      const found = foldersNow(uri);
      await Promise.all(found.map((f) => f.ready));
      return found;
    },
    allFolders: folders.all,

    /** The citing accounts of a portfolio with their evidence digests, for its review. */
    citingOf: (folder: Folder) => indexer.citing(folder),
    coverageOf(folder: Folder): Coverage {
      return computeCoverage(folder.catalog, folder.portfolio, folder.settings.minimumEvidence);
    },
    /** URI to answer the client with: the one it used for an open document, else ours. */
    clientUriOf(key: string): string {
      return documents.get(key)?.clientUri ?? key;
    },
    openDocuments(): Array<{ clientUri: string; key: string; folder: Folder }> {
      return documents.all().map((d) => ({ key: d.key, clientUri: d.clientUri, folder: d.folder }));
    },
  };
}

export type Workspace = ReturnType<typeof createWorkspace>;
