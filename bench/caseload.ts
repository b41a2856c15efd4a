/**
 * A tutor opens a caseload in VS Code: every candidate folder is a workspace folder (a portfolio), three
 * accounts are open in editors, and the server indexes everything else from disk.
 *
 * Ours: the clock runs from `initialized` to the coverage answer that holds every account of every portfolio
 * (what the coverage panel shows once complete) and to the first answer giving the active editor's portfolio
 * a figure (what the status bar shows). Both are asked the way client/src/coverageStore.ts asks
 * (bench/lib/coverageStore.ts): once at start (the panel restored with the window) and again on each
 * `coverageDidChange`, one request at a time.
 *
 * The Markdown language server has no workspace diagnostics (`workspaceDiagnostics: false`); what it offers
 * over every file of the workspace is `workspace/symbol`, the document symbols of every Markdown file, read
 * and parsed from disk. Its clock runs from `initialized` to that answer, with the same three accounts open.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileUri, openDoc, sendInitialized, startSession, withTimeout, type OpenDoc, type Session } from './lib/lsp';
import { emulateCoverageStore } from './lib/coverageStore';
import { sleep } from './lib/stats';
import type { ServerSetup } from './scenarios';

/** What the coverage panel and the status bar receive (the part of server/src/protocol.ts we look at). */
interface CoverageAnswer {
  portfolios: Array<{
    folder: string;
    units: Array<{ covered: { P: number; K: number }; total: { P: number; K: number } }>;
    accounts: unknown[];
  }>;
}

export interface Caseload {
  /** The workspace folders: one per candidate, or one folder for a single large portfolio. */
  folders: string[];
  accounts: number;
  bytes: number;
}

export interface CaseloadRun {
  /** `initialized` → coverage answer listing every account (the panel's complete data). */
  panelMs: number;
  /** `initialized` → first answer with the active account's portfolio and its figure (the status bar). */
  statusBarMs: number;
  /** The status bar's text, "covered/total", for the sanity check. */
  figure: string;
  /**
   * Server resident set when the panel's data was complete, once settled (SETTLE_MS after that, during which
   * the store may ask again on the `coverageDidChange` that ends indexing), and its peak until then.
   */
  rssAtAnswer: number;
  rss: number;
  peakRss: number;
  cpuMs: number;
  accountsListed: number;
}

/** The first three accounts of the first folder, as the editor restores them. */
function accountsToOpen(folder: string): OpenDoc[] {
  return fs
    .readdirSync(folder)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .slice(0, 3)
    .map((f) => ({
      uri: fileUri(path.join(folder, f)),
      text: fs.readFileSync(path.join(folder, f), 'utf8'),
      version: 1,
    }));
}

async function openWorkspace(
  setup: ServerSetup,
  c: Caseload,
): Promise<{ s: Session; open: Map<string, OpenDoc>; docs: OpenDoc[] }> {
  const open = new Map<string, OpenDoc>();
  const root = c.folders.length === 1 ? c.folders[0] : path.dirname(c.folders[0]);
  const s = await startSession(setup.spec, {
    root,
    folders: c.folders,
    settings: setup.settings,
    initializationOptions: setup.initializationOptions,
    handlers: setup.handlers?.(root, open),
  });
  return { s, open, docs: accountsToOpen(c.folders[0]) };
}

async function sendOpening(s: Session, setup: ServerSetup, open: Map<string, OpenDoc>, docs: OpenDoc[]): Promise<void> {
  await sendInitialized(s, setup.settings);
  for (const d of docs) {
    open.set(d.uri, d);
    await openDoc(s, d);
  }
}

/**
 * The RSS target is on the indexed server, not on the garbage of the answer it has just built: its RSS is read
 * again after this long idle (V8 collects and gives pages back meanwhile, as it would while the tutor reads).
 */
const SETTLE_MS = 2000;

const sameFolder = (a: string, b: string) =>
  decodeURIComponent(a).replace(/\/$/, '') === decodeURIComponent(b).replace(/\/$/, '');

export async function caseloadOurs(
  setup: ServerSetup,
  c: Caseload,
  /** Called on the settled server before it is closed (the probe reads its heap there). */
  settled?: (s: Session) => Promise<void>,
): Promise<CaseloadRun> {
  const { s, open, docs } = await openWorkspace(setup, c);
  try {
    const activeFolder = fileUri(c.folders[0]);
    let statusBarMs = Number.NaN;
    let figure = '';
    let complete: { ms: number; rss: number; listed: number } | undefined;
    const cpu0 = s.cpuMs();
    const t0 = performance.now();
    const store = emulateCoverageStore<CoverageAnswer>(s, (answer, { at }) => {
      const active = answer.portfolios.find((p) => sameFolder(p.folder, activeFolder));
      if (active && active.units.length > 0 && Number.isNaN(statusBarMs)) {
        statusBarMs = at - t0;
        const sum = (k: 'covered' | 'total') => active.units.reduce((n, u) => n + u[k].P + u[k].K, 0);
        figure = `${sum('covered')}/${sum('total')}`;
      }
      const listed = answer.portfolios.reduce((n, p) => n + p.accounts.length, 0);
      if (!complete && listed === c.accounts && answer.portfolios.length === c.folders.length)
        complete = { ms: at - t0, rss: s.rss(), listed };
    });
    await sendOpening(s, setup, open, docs);
    store.refresh(); // the panel, restored with the window, asks at once
    await withTimeout(
      (async () => {
        while (!complete) await sleep(2);
      })(),
      300_000,
      'complete coverage',
    );
    store.stop();
    const cpuMs = s.cpuMs() - cpu0;
    await sleep(SETTLE_MS);
    await settled?.(s);
    return {
      panelMs: complete!.ms,
      statusBarMs,
      figure,
      rssAtAnswer: complete!.rss,
      rss: s.rss(),
      peakRss: s.peakRss(),
      cpuMs,
      accountsListed: complete!.listed,
    };
  } finally {
    await s.close();
  }
}

export interface PeerCaseloadRun {
  /** `initialized` → `workspace/symbol` answer covering every file. */
  ms: number;
  /** Files with at least one symbol in the answer (every generated account has headings). */
  files: number;
  peakRss: number;
  cpuMs: number;
}

export async function caseloadMarkdownServer(setup: ServerSetup, c: Caseload): Promise<PeerCaseloadRun> {
  const { s, open, docs } = await openWorkspace(setup, c);
  try {
    const cpu0 = s.cpuMs();
    const t0 = performance.now();
    await sendOpening(s, setup, open, docs);
    const symbols = await withTimeout(
      s.conn.sendRequest<Array<{ location: { uri: string } }>>('workspace/symbol', { query: '' }),
      300_000,
      'workspace symbols',
    );
    const ms = performance.now() - t0;
    return {
      ms,
      files: new Set((symbols ?? []).map((x) => x.location.uri)).size,
      peakRss: s.peakRss(),
      cpuMs: s.cpuMs() - cpu0,
    };
  } finally {
    await s.close();
  }
}
