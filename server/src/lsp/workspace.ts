/**
 * The server's view of the world: one portfolio per workspace folder (accounts read from disk, open documents
 * overriding them), a single-file portfolio for each document outside every folder, and each portfolio's
 * catalogue. All file reading and watching happens here, through the FileSystem the server was given.
 *
 * Editing is cheap by construction: a change only marks its document dirty; the document is re-parsed once,
 * from its latest text, when a request needs it or when the pending flush runs, so a burst of changes never
 * builds a backlog (the last version wins).
 *
 * Memory is kept to the parsed accounts: the text of a closed account is not kept (it is read again from disk
 * in the rare cases that need it: a new catalogue, a request about that file), and a folder being indexed
 * reports its changes once, at the end, instead of once per document opened meanwhile.
 */
import * as path from 'node:path';
import { parseAccount, type Account } from '../core/accounts/account';
import { computeCoverage, type Coverage } from '../core/coverage/coverage';
import { removeAccount, updateAccount } from '../core/coverage/portfolio';
import { readSettings, type Settings } from '../core/settings';
import { isAccountFile, normalizeUri, pathToUri, readAccountText, textDigest, uriToPath } from '../io/workspaceFiles';
import { createProblemLog } from './workspaceProblems';
import { sameSettings, settingsChange } from './workspaceSettings';
import { bundledCatalog, isStandardsFileOf, loadFolderCatalog, newFolder, type FolderCatalog } from '../io/workspaceStandards';
import type { Catalog } from '../core/standards/standards';

import type { DocumentState, Folder, WorkspaceHost } from './workspaceTypes';
export type { DocumentState, Folder, ProgressReporter, WorkspaceChange, WorkspaceHost } from './workspaceTypes';

export function createWorkspace(host: WorkspaceHost) {
  const folders = new Map<string, Folder>();
  const loose = new Map<string, Folder>();
  /** Open documents by normalised URI: the URI the client uses, the portfolio they are in, unparsed changes. */
  const open = new Map<string, { clientUri: string; folder: Folder; dirty: boolean }>();
  /** Keys of the open documents marked dirty, so a flush does not walk every open document (O(N²) while N open). */
  const dirtyKeys = new Set<string>();
  const problems = createProblemLog(host);
  // Documents outside every folder use the settings without a scope and no workspace standards.
  let looseSettings: Settings = readSettings({});
  let looseCatalog: FolderCatalog = bundledCatalog();
  let started: Promise<void> = Promise.resolve();
  let flushPending = false;
  let changedFolders = new Set<Folder>();
  /** The catalogue each account was parsed with: one parsed with the folder's current catalogue is up to date. */
  const parsedWith = new WeakMap<Account, Catalog>();
  /** A digest of the disk text each closed account was parsed from, to tell when the file changed unannounced. */
  const diskDigests = new WeakMap<Account, number>();

  function applyCatalog(folder: Folder, loaded: FolderCatalog): void {
    folder.catalog = loaded.catalog;
    folder.standardsFiles = loaded.files;
    problems.standards(loaded);
  }

  function parseInto(folder: Folder, key: string, text: string): Account {
    const account = parseAccount(key, text, folder.catalog.resolve);
    parsedWith.set(account, folder.catalog);
    if (!open.has(key)) diskDigests.set(account, textDigest(text));
    updateAccount(folder.portfolio, account);
    changedFolders.add(folder);
    return account;
  }

  /** Re-parses an open document from the editor's text. */
  function reparseOpen(folder: Folder, key: string): void {
    const doc = open.get(key);
    const text = doc ? host.openText(doc.clientUri) : undefined;
    if (text !== undefined) parseInto(folder, key, text);
  }

  /** Re-reads and re-parses a closed account; one that is gone from disk leaves its portfolio. */
  async function reparseFromDisk(folder: Folder, key: string): Promise<void> {
    const file = uriToPath(key);
    const text = file ? await readAccount(file, folder.settings.maxFileSize) : undefined;
    if (open.has(key)) return; // opened meanwhile: the editor's text wins
    if (text !== undefined) parseInto(folder, key, text);
    else if (removeAccount(folder.portfolio, key)) changedFolders.add(folder);
  }

  /** Decoded text of an account file, or undefined when it is gone or skipped (which is said once). */
  async function readAccount(file: string, maxFileSize: number): Promise<string | undefined> {
    const read = await readAccountText(host.fs, file, maxFileSize);
    if (read && 'skipped' in read) problems.once(`Skipped ${file}: ${read.skipped}`);
    return read && 'text' in read ? read.text : undefined;
  }

  function isAccountOf(folder: Folder, file: string): boolean {
    return !!folder.path && isAccountFile(folder.path, folder.settings, file);
  }

  /** The portfolio a document belongs to: the deepest folder that counts it as an account, else its own. */
  function homeOf(key: string): Folder {
    const file = uriToPath(key);
    let best: Folder | undefined;
    if (file) {
      for (const f of folders.values()) {
        if (isAccountOf(f, file) && (!best || f.path!.length > best.path!.length)) best = f;
      }
    }
    if (best) return best;
    let single = loose.get(key);
    if (!single) {
      single = newFolder(key, path.basename(file ?? key), undefined, looseSettings, looseCatalog);
      loose.set(key, single);
    }
    return single;
  }

  /**
   * Lets the client's waiting messages be handled before a file is read: when it is opening many documents
   * at once, their texts then arrive before indexing reaches their files (it read one in five to ten of them
   * for nothing before, at 1,000 accounts). Bounded: a client that never stops sending cannot stall indexing.
   */
  async function messagesFirst(): Promise<void> {
    for (let turns = 0; turns < 256 && host.messagesWaiting?.(); turns++) await new Promise((r) => setImmediate(r));
  }

  function scheduleFlush(): void {
    if (flushPending) return;
    flushPending = true;
    setImmediate(flush);
  }

  /**
   * Parses whatever is still dirty and tells the server which portfolios changed. A folder still being indexed
   * is left out: its requests wait for the index, and the end of indexing reports everything at once.
   */
  function flush(everything = false): void {
    flushPending = false;
    const keys = [...dirtyKeys];
    dirtyKeys.clear();
    for (const key of keys) {
      const doc = open.get(key);
      if (doc?.dirty) {
        doc.dirty = false;
        reparseOpen(doc.folder, key);
      }
    }
    const changed = [...changedFolders].filter((f) => f.indexing === 0);
    changedFolders = new Set([...changedFolders].filter((f) => f.indexing > 0));
    if (changed.length || everything) host.didChange({ folders: everything ? allFolders() : changed, everything });
  }

  async function indexFolder(folder: Folder): Promise<void> {
    const run = ++folder.indexRun;
    const progress = await host.beginProgress(`Reflective Accounts: indexing ${folder.name}`);
    try {
      applyCatalog(folder, await loadFolderCatalog(host.fs, folder.path, folder.settings, host.trusted));
      const files = (await host.fs.listFiles(folder.path!, true)).filter((f) => isAccountOf(folder, f));
      if (run !== folder.indexRun) return;
      for (const key of [...folder.portfolio.accounts.keys()]) {
        if (!open.has(key)) removeAccount(folder.portfolio, key);
      }
      for (let i = 0; i < files.length; i++) {
        const key = pathToUri(files[i]);
        if (open.has(key)) continue; // the editor's text wins over the disk
        await messagesFirst();
        if (open.has(key)) continue;
        const text = await readAccount(files[i], folder.settings.maxFileSize);
        if (run !== folder.indexRun) return;
        if (text === undefined || open.has(key)) continue;
        parseInto(folder, key, text);
        if (i % 20 === 0) progress.report(`${i + 1}/${files.length} accounts`, Math.round((100 * i) / files.length));
      }
      // Documents opened before the folder's catalogue was loaded were parsed with another one.
      for (const [key, doc] of open) {
        if (doc.folder !== folder || doc.dirty) continue; // a dirty one is parsed at the next flush anyway
        const account = folder.portfolio.accounts.get(key);
        if (!account || parsedWith.get(account) !== folder.catalog) reparseOpen(folder, key);
      }
      changedFolders.add(folder);
      host.log(`Indexed ${folder.name}: ${folder.portfolio.accounts.size} account(s), ${folder.catalog.units.length} unit(s)`);
    } finally {
      progress.done();
    }
  }

  function startIndexing(folder: Folder): Promise<void> {
    folder.indexing++;
    folder.ready = indexFolder(folder).catch((e) => host.warn(`Indexing ${folder.name} failed: ${(e as Error)?.stack ?? e}`))
      .then(() => indexed(folder));
    return folder.ready;
  }

  /** One indexing job of the folder is over (done, failed or superseded): report what changed. */
  function indexed(folder: Folder): void {
    folder.indexing--;
    flush(true);
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
    const folder = newFolder(key, name, folderPath, looseSettings, bundledCatalog());
    folder.indexing++; // from now: its settings are fetched before indexing starts
    folders.set(key, folder);
    rehomeOpenDocuments();
    folder.ready = (async () => {
      folder.settings = await host.fetchSettings(uri);
      rehomeOpenDocuments();
      await indexFolder(folder);
    })().catch((e) => host.warn(`Indexing ${folder.name} failed: ${(e as Error)?.stack ?? e}`)).then(() => indexed(folder));
    return folder.ready;
  }

  /** Moves open documents whose portfolio changed (a folder added or removed, include/exclude changed). */
  function rehomeOpenDocuments(): void {
    for (const [key, doc] of open) {
      const home = homeOf(key);
      if (home === doc.folder) continue;
      if (removeAccount(doc.folder.portfolio, key)) changedFolders.add(doc.folder);
      if (doc.folder.path === undefined) loose.delete(key);
      doc.folder = home;
      reparseOpen(home, key);
    }
  }

  /**
   * Reloads a portfolio's catalogue and re-parses its accounts, whose citations may resolve differently now
   * (closed ones from disk: their texts are not kept).
   */
  async function reloadCatalog(folder: Folder): Promise<void> {
    applyCatalog(folder, folder.path ? await loadFolderCatalog(host.fs, folder.path, folder.settings, host.trusted) : looseCatalog);
    for (const key of [...folder.portfolio.accounts.keys()]) {
      if (open.has(key)) reparseOpen(folder, key);
      else await reparseFromDisk(folder, key);
    }
  }

  function foldersNow(uri?: string): Folder[] {
    if (uri) {
      const key = normalizeUri(uri);
      const match = folders.get(key) ?? open.get(key)?.folder ?? allFolders().find((f) => f.portfolio.accounts.has(key));
      return match ? [match] : [];
    }
    return folders.size ? [...folders.values()] : [...loose.values()];
  }

  function allFolders(): Folder[] {
    return [...folders.values(), ...loose.values()];
  }

  return {
    /** Reads settings and indexes every folder; requests made meanwhile wait for it. */
    initialize(workspaceFolders: ReadonlyArray<{ uri: string; name: string }>): Promise<void> {
      const indexed = workspaceFolders.map((f) => addFolder(f.uri, f.name));
      started = (async () => {
        looseSettings = await host.fetchSettings(undefined);
        looseCatalog = await loadFolderCatalog(host.fs, undefined, looseSettings, host.trusted);
        problems.standards(looseCatalog);
        if (!host.trusted) host.log('Untrusted workspace: user standards (.standards/, standardsPaths) are not loaded');
        await Promise.all(indexed);
      })();
      return started;
    },
    addFolder,
    removeFolder(uri: string): void {
      const key = normalizeUri(uri);
      if (!folders.delete(key)) return;
      rehomeOpenDocuments();
      flush(true);
    },

    open(clientUri: string): void {
      const key = normalizeUri(clientUri);
      // Parsed at the next flush: TextDocuments reports a content change right after the open, and parsing
      // on both would parse every opened account twice.
      open.set(key, { clientUri, folder: homeOf(key), dirty: true });
      dirtyKeys.add(key);
      scheduleFlush();
    },
    change(clientUri: string): void {
      const key = normalizeUri(clientUri);
      const doc = open.get(key);
      if (!doc) return;
      doc.dirty = true;
      dirtyKeys.add(key);
      scheduleFlush();
    },
    async close(clientUri: string): Promise<void> {
      const key = normalizeUri(clientUri);
      const doc = open.get(key);
      if (!doc) return;
      open.delete(key);
      const file = uriToPath(key);
      const text = doc.folder.path && file ? await readAccount(file, doc.folder.settings.maxFileSize) : undefined;
      if (open.has(key)) return; // opened again while the disk was read
      if (text === undefined) {
        removeAccount(doc.folder.portfolio, key);
        loose.delete(key);
      } else {
        parseInto(doc.folder, key, text);
      }
      changedFolders.add(doc.folder);
      scheduleFlush();
    },

    /** The document's portfolio, account and text, up to date; waits for its folder to be indexed. */
    async documentState(clientUri: string): Promise<DocumentState | undefined> {
      const key = normalizeUri(clientUri);
      await started;
      const folder = open.get(key)?.folder ?? allFolders().find((f) => f.portfolio.accounts.has(key));
      if (!folder) return undefined;
      await folder.ready;
      const doc = open.get(key);
      if (doc) {
        if (doc.dirty) {
          doc.dirty = false;
          reparseOpen(doc.folder, key);
          scheduleFlush();
        }
        const account = doc.folder.portfolio.accounts.get(key);
        if (!account) return undefined;
        // The text only when read: a diagnostics pull needs the parsed account alone.
        const clientUri = doc.clientUri;
        return { folder: doc.folder, account, get text() { return host.openText(clientUri) ?? ''; } };
      }
      // A closed account: its text is read again, and re-parsed if the file changed without a watcher event.
      const file = uriToPath(key);
      const text = file ? await readAccount(file, folder.settings.maxFileSize) : undefined;
      let account = folder.portfolio.accounts.get(key);
      if (text === undefined || !account || open.has(key)) return undefined;
      if (account.length !== text.length || diskDigests.get(account) !== textDigest(text)) {
        account = parseInto(folder, key, text);
        scheduleFlush();
      }
      return { folder, account, text };
    },

    async watchedFilesChanged(changes: ReadonlyArray<{ uri: string; deleted: boolean }>): Promise<void> {
      const reload = new Set<Folder>();
      for (const change of changes) {
        const file = uriToPath(change.uri);
        if (!file) continue;
        const key = pathToUri(file);
        for (const folder of folders.values()) {
          if (isStandardsFileOf(folder, file)) reload.add(folder);
          if (!isAccountOf(folder, file) || open.has(key) || homeOf(key) !== folder) continue;
          const text = change.deleted ? undefined : await readAccount(file, folder.settings.maxFileSize);
          if (open.has(key)) continue;
          if (text === undefined) {
            if (removeAccount(folder.portfolio, key)) changedFolders.add(folder);
          } else {
            parseInto(folder, key, text);
          }
        }
      }
      for (const folder of reload) await reloadCatalog(folder);
      flush(reload.size > 0);
    },

    /** Settings may have changed: re-index, reload or re-check only what a changed setting affects. */
    async configurationChanged(): Promise<void> {
      const looseBefore = looseSettings;
      looseSettings = await host.fetchSettings(undefined);
      const looseChanged = !sameSettings(looseBefore, looseSettings);
      if (looseChanged) looseCatalog = await loadFolderCatalog(host.fs, undefined, looseSettings, host.trusted);
      let changed = looseChanged;
      const reindex: Folder[] = [];
      for (const folder of allFolders()) {
        const before = folder.settings;
        folder.settings = folder.path ? await host.fetchSettings(folder.uri) : looseSettings;
        if (!folder.path) {
          if (looseChanged) await reloadCatalog(folder); // a loose file's catalogue comes from the loose settings
          continue;
        }
        const change = settingsChange(before, folder.settings);
        if (change !== 'none') changed = true;
        if (change === 'reindex') reindex.push(folder);
        else if (change === 'reload') await reloadCatalog(folder);
      }
      rehomeOpenDocuments();
      await Promise.all(reindex.map(startIndexing));
      // Unchanged settings ask no client to pull everything again.
      flush(changed);
    },

    async reloadStandards(): Promise<void> {
      looseCatalog = await loadFolderCatalog(host.fs, undefined, looseSettings, host.trusted);
      for (const folder of allFolders()) await reloadCatalog(folder);
      flush(true);
    },

    /** Portfolios to report, once indexed: the one holding `uri` (a document or folder), else every folder (or loose file). */
    async foldersFor(uri?: string): Promise<Folder[]> {
      await started;
      const found = foldersNow(uri);
      await Promise.all(found.map((f) => f.ready));
      return found;
    },
    allFolders,

    coverageOf(folder: Folder): Coverage {
      return computeCoverage(folder.catalog, folder.portfolio, folder.settings.minimumEvidence);
    },
    /** URI to answer the client with: the one it used for an open document, else ours. */
    clientUriOf(key: string): string {
      return open.get(key)?.clientUri ?? key;
    },
    openDocuments(): Array<{ clientUri: string; key: string; folder: Folder }> {
      return [...open].map(([key, d]) => ({ key, clientUri: d.clientUri, folder: d.folder }));
    },
  };
}

export type Workspace = ReturnType<typeof createWorkspace>;
