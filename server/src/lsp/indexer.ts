/**
 * Keeps each portfolio's accounts up to date with the one text that counts for each: the editor's while its
 * document is open, the file's otherwise (`refresh`, the only place that rule is decided). Reads folders
 * whole (indexing), reloads catalogues, and remembers which portfolios changed until the workspace reports
 * them.
 *
 * Memory is kept to the parsed accounts: the text of a closed account is not kept (it is read again from
 * disk in the rare cases that need it: a new catalogue, a request about that file).
 */
import {
  accountEvidenceDigest,
  createChunkCache,
  parseAccount,
  removeAccount,
  updateAccount,
  type Account,
  type Catalog,
  type ChunkCache,
  type CitingAccounts,
} from '../core';
import { listAccounts, readAccount, textDigest } from '../io/accountFiles';
import { loadCatalog, type FolderCatalog } from '../io/catalog';
import { pathToUri, uriToPath } from '../io/uris';
import type { Documents, OpenDocument } from './documents';
import type { Folders } from './folders';
import type { createProblemLog } from './problemLog';
import type { Folder, WorkspaceHost } from './types';

/** What refresh made of an account: its text and parse, gone (file missing or skipped), or left to the editor. */
export type Refreshed = { account: Account; text: string } | 'gone' | 'open' | 'superseded';

export interface RefreshOptions {
  /** The file is known to be deleted: nothing to read. */
  deleted?: boolean;
  /** Still wanted after the read? (An indexing run superseded by a newer one is not.) */
  current?: () => boolean;
  /** The file's text, already being read (indexing reads ahead). */
  read?: Promise<string | undefined>;
}

/**
 * Files read ahead of the one being parsed while indexing. It matters when reads are non-blocking (a slow
 * disk, io/nodeFileSystem.ts): one at a time left the main thread waiting on the disk for a third of the run,
 * every read being four trips to Node's thread pool (stat, open, read, close). A fast disk is read blocking,
 * and reading ahead then changes only the order.
 */
const READ_AHEAD = 8;

/**
 * Indexing gives the event loop a turn at least this often: files read from a fast disk block (see
 * io/nodeFileSystem.ts), and a request made while a caseload is indexed (a completion, a hover) waits no longer.
 */
const SLICE_MS = 10;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export function createIndexer(
  host: WorkspaceHost,
  documents: Documents,
  folders: Folders,
  problems: ReturnType<typeof createProblemLog>,
) {
  /** Portfolios changed since the workspace last reported. */
  let changed = new Set<Folder>();
  /** The catalogue each account was parsed with: one parsed with the folder's current catalogue is up to date. */
  const parsedWith = new WeakMap<Account, Catalog>();
  /** A digest of the disk text each closed account was parsed from, to tell when the file changed unannounced. */
  const diskDigests = new WeakMap<Account, string>();
  /**
   * Evidence digests for reviews (core/accounts/evidenceDigest.ts): a closed account's worked out as its file
   * is read (its text is not kept), an open one's when a review first asks, from the editor's text it was
   * parsed from (kept here while it is the account's: usually the document's current text anyway).
   */
  const evidenceDigests = new WeakMap<Account, string>();
  const openTexts = new WeakMap<Account, string>();

  /** Each open document's chunks from its last parse: a keystroke re-reads only the chunk it changed. */
  const chunkCaches = new WeakMap<OpenDocument, ChunkCache>();

  function parseInto(folder: Folder, key: string, text: string, chunks?: ChunkCache): Account {
    const account = parseAccount(key, text, folder.catalog.resolve, {
      bareCriteria: folder.settings.bareCriteria,
      chunks,
    });
    parsedWith.set(account, folder.catalog);
    updateAccount(folder.portfolio, account);
    changed.add(folder);
    return account;
  }

  /** Re-parses an open document from the editor's text. */
  function parseOpen(folder: Folder, key: string): void {
    const doc = documents.get(key);
    const text = doc ? host.openText(doc.clientUri) : undefined;
    if (!doc || text === undefined) return;
    let chunks = chunkCaches.get(doc);
    if (!chunks) chunkCaches.set(doc, (chunks = createChunkCache()));
    openTexts.set(parseInto(folder, key, text, chunks), text);
  }

  /** Decoded text of an account file, or undefined when it is gone or skipped (which is said once). */
  async function readText(file: string, maxFileSize: number): Promise<string | undefined> {
    const read = await readAccount(host.fs, file, maxFileSize);
    if (read && 'skipped' in read) problems.once(`Skipped ${file}: ${read.skipped}`);
    return read && 'text' in read ? read.text : undefined;
  }

  /**
   * Lets the client's waiting messages be handled before a file is read: when it is opening many documents
   * at once, their texts then arrive before indexing reaches their files (it read one in five to ten of them
   * for nothing before, at 1,000 accounts). Bounded: a client that never stops sending cannot stall indexing.
   */
  async function messagesFirst(): Promise<void> {
    for (let turns = 0; turns < 256 && host.messagesWaiting?.(); turns++) await nextTurn();
  }

  /**
   * Brings one account of `folder` up to date. "Editor text wins": while the document is open its text is
   * the editor's and the file is never used for it; that is asked before the file is read (saving the read)
   * and again after (the document may have been opened while the disk was read). A closed account is read
   * from its file, re-parsed only when the text or the catalogue changed, and leaves its portfolio when the
   * file is gone or skipped.
   */
  async function refresh(folder: Folder, key: string, opts: RefreshOptions = {}): Promise<Refreshed> {
    if (documents.isOpen(key)) return refreshOpen(folder, key);
    const file = opts.deleted ? undefined : uriToPath(key);
    const text = file === undefined ? undefined : await (opts.read ?? readText(file, folder.settings.maxFileSize));
    if (opts.current && !opts.current()) return 'superseded';
    if (documents.isOpen(key)) return refreshOpen(folder, key);
    if (text === undefined) {
      if (removeAccount(folder.portfolio, key)) changed.add(folder);
      return 'gone';
    }
    const digest = textDigest(text);
    let account = folder.portfolio.accounts.get(key);
    // Parsed from this very text with this catalogue: nothing to do (a watcher event for a file saved unchanged).
    const upToDate =
      account &&
      parsedWith.get(account) === folder.catalog &&
      account.length === text.length &&
      diskDigests.get(account) === digest;
    if (!account || !upToDate) {
      account = parseInto(folder, key, text);
      diskDigests.set(account, digest);
      evidenceDigests.set(account, accountEvidenceDigest(text, account));
    }
    return { account, text };
  }

  /** An open document of this folder parsed with another catalogue is parsed again (a dirty one waits for the flush). */
  function refreshOpen(folder: Folder, key: string): 'open' {
    const doc = documents.get(key)!;
    if (doc.folder !== folder || doc.dirty) return 'open';
    const account = folder.portfolio.accounts.get(key);
    if (!account || parsedWith.get(account) !== folder.catalog) parseOpen(folder, key);
    return 'open';
  }

  function applyCatalog(folder: Folder, loaded: FolderCatalog): void {
    folder.catalog = loaded.catalog;
    folder.standardsFiles = loaded.files;
    problems.standards(loaded);
  }

  function loadFolderCatalog(folder: Folder): Promise<FolderCatalog> {
    return folder.path
      ? loadCatalog(host.fs, folder.path, folder.settings, host.trusted)
      : Promise.resolve(folders.looseCatalog);
  }

  /** Reads a folder's catalogue and every account anew; a newer run for the same folder supersedes this one. */
  async function indexFolder(folder: Folder): Promise<void> {
    const run = ++folder.indexRun;
    const current = () => run === folder.indexRun;
    const progress = await host.beginProgress(`Reflective Accounts: indexing ${folder.name}`);
    try {
      applyCatalog(folder, await loadFolderCatalog(folder));
      const files = await listAccounts(host.fs, folder.path!, folder.settings);
      const keys = files.map(pathToUri);
      if (!current()) return;
      // Accounts no longer listed (deleted, excluded now) leave, unless open: refresh decides.
      const listed = new Set(keys);
      for (const key of [...folder.portfolio.accounts.keys()])
        if (!listed.has(key)) await refresh(folder, key, { deleted: true });
      // Reads started ahead, by index, once the client's waiting messages are handled. An open account is
      // not read; one opened while its file is being read is left to refresh, which asks again after the
      // read (editor text wins).
      const reads: Array<Promise<string | undefined> | undefined> = [];
      let slice = performance.now();
      for (let i = 0; i < keys.length; i++) {
        if (performance.now() - slice > SLICE_MS) {
          await nextTurn();
          slice = performance.now();
        }
        if (reads.length < Math.min(i + READ_AHEAD, keys.length)) await messagesFirst();
        for (let j = reads.length; j < Math.min(i + READ_AHEAD, keys.length); j++)
          reads.push(documents.isOpen(keys[j]) ? undefined : readText(files[j], folder.settings.maxFileSize));
        const read = reads[i];
        reads[i] = undefined;
        if ((await refresh(folder, keys[i], { current, read })) === 'superseded') return;
        if (i % 20 === 0) progress.report(`${i + 1}/${keys.length} accounts`, Math.round((100 * i) / keys.length));
      }
      // Documents opened before the folder's catalogue was loaded were parsed with another one.
      for (const doc of documents.all()) if (doc.folder === folder) refreshOpen(folder, doc.key);
      changed.add(folder);
      host.log(
        `Indexed ${folder.name}: ${folder.portfolio.accounts.size} account(s), ${folder.catalog.units.length} unit(s)`,
      );
    } finally {
      progress.done();
    }
  }

  /**
   * Reloads a portfolio's catalogue and re-parses its accounts, whose citations may resolve differently now
   * (closed ones from disk: their texts are not kept).
   */
  async function reloadCatalog(folder: Folder): Promise<void> {
    applyCatalog(folder, await loadFolderCatalog(folder));
    for (const key of [...folder.portfolio.accounts.keys()]) await refresh(folder, key);
  }

  /** The evidence number and digest of each account of a portfolio, for its review (see evidenceDigests). */
  function citing(folder: Folder): CitingAccounts {
    return (uri) => {
      const account = folder.portfolio.accounts.get(uri);
      if (!account) return undefined;
      let digest = evidenceDigests.get(account);
      const text = digest === undefined ? openTexts.get(account) : undefined;
      if (text !== undefined) evidenceDigests.set(account, (digest = accountEvidenceDigest(text, account)));
      return digest === undefined ? undefined : { evidence: account.evidence, digest };
    };
  }

  return {
    refresh,
    parseOpen,
    citing,
    indexFolder,
    reloadCatalog,
    /** Notes that a portfolio changed (an account moved out of it, say). */
    touched(folder: Folder): void {
      changed.add(folder);
    },
    /**
     * The portfolios changed since last asked, except those still being indexed: their requests wait for
     * the index, and the end of indexing reports everything at once.
     */
    takeChanged(): Folder[] {
      const done = [...changed].filter((f) => f.indexing === 0);
      changed = new Set([...changed].filter((f) => f.indexing > 0));
      return done;
    },
  };
}

export type Indexer = ReturnType<typeof createIndexer>;
