/**
 * A minimal LSP client for the benchmarks: spawns a server, speaks JSON-RPC over the child's stdio
 * (vscode-jsonrpc), answers the requests servers send to clients, and reads the server's peak resident set
 * (VmHWM) from /proc. Both servers (ours and VS Code's Markdown server) are driven by this same client.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';

export interface ServerSpec {
  name: string;
  /** The script to run with this Node binary. */
  script: string;
  args: string[];
  /** Extra Node flags, e.g. ['--cpu-prof', '--cpu-prof-dir=…']. */
  execArgv?: string[];
}

export type RequestHandler = (params: any) => unknown;

export interface StartOptions {
  root: string;
  /** The workspace folders, as a multi-root workspace lists them; default: `root` alone. */
  folders?: string[];
  initializationOptions?: unknown;
  /** Settings by top-level section ("reflectiveAccounts", "markdown"), for workspace/configuration and didChangeConfiguration. */
  settings: Record<string, unknown>;
  /** Extra handlers for server-to-client requests (the Markdown server's markdown/* requests). */
  handlers?: Record<string, RequestHandler>;
}

export interface Session {
  name: string;
  conn: MessageConnection;
  child: ChildProcess;
  capabilities: any;
  rootUri: string;
  /** Times (performance.now) at which the server asked for a diagnostics refresh. */
  refreshes: number[];
  log: string[];
  /** Peak resident set of the server process so far, in bytes (VmHWM). */
  peakRss(): number;
  /** Resident set of the server process now, in bytes (VmRSS). */
  rss(): number;
  /** CPU time (user + system) the server process has used so far, in milliseconds; steadier than wall time on a busy machine. */
  cpuMs(): number;
  /** Full (1) or incremental (2) document sync, from the server's capabilities. */
  syncKind: number;
  close(): Promise<void>;
}

export function fileUri(p: string): string {
  return pathToFileURL(p).href;
}

function readCpuMs(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    // Fields after the command name: state is field 3, utime 14 and stime 15, in clock ticks (100 per second).
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

function readStatusKb(pid: number | undefined, field: 'VmHWM' | 'VmRSS'): number {
  if (!pid) return 0;
  try {
    const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Looks a dotted section ("reflectiveAccounts.include") up in the settings object. */
function settingAt(settings: Record<string, unknown>, section: string | undefined): unknown {
  if (!section) return settings;
  let v: any = settings;
  for (const part of section.split('.')) v = v && typeof v === 'object' ? v[part] : undefined;
  return v ?? null;
}

const CLIENT_CAPABILITIES = {
  workspace: {
    configuration: true,
    workspaceFolders: true,
    didChangeConfiguration: { dynamicRegistration: false },
    didChangeWatchedFiles: { dynamicRegistration: true },
    diagnostics: { refreshSupport: true },
    codeLens: { refreshSupport: true },
  },
  textDocument: {
    synchronization: { dynamicRegistration: false, didSave: true },
    diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
    publishDiagnostics: { relatedInformation: true },
    completion: {
      completionItem: {
        snippetSupport: false,
        documentationFormat: ['markdown', 'plaintext'],
        insertReplaceSupport: true,
      },
      contextSupport: true,
    },
    hover: { contentFormat: ['markdown', 'plaintext'] },
  },
  window: { workDoneProgress: true },
  general: { positionEncodings: ['utf-16'] },
};

export async function startSession(spec: ServerSpec, opts: StartOptions): Promise<Session> {
  const child = spawn(process.execPath, [...(spec.execArgv ?? []), spec.script, ...spec.args], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const log: string[] = [];
  child.stderr!.on('data', (d) => log.push(String(d)));
  const conn = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const refreshes: number[] = [];
  let peak = 0;
  const poll = setInterval(() => (peak = Math.max(peak, readStatusKb(child.pid, 'VmHWM'))), 250);
  poll.unref();

  conn.onRequest('workspace/configuration', (p: { items: Array<{ section?: string }> }) =>
    p.items.map((i) => settingAt(opts.settings, i.section)),
  );
  const workspaceFolders = (opts.folders ?? [opts.root]).map((f) => ({ uri: fileUri(f), name: path.basename(f) }));
  conn.onRequest('workspace/workspaceFolders', () => workspaceFolders);
  conn.onRequest('workspace/diagnostic/refresh', () => {
    refreshes.push(performance.now());
    return null;
  });
  for (const [method, handler] of Object.entries(opts.handlers ?? {})) conn.onRequest(method, handler);
  // Registration, progress tokens, other refreshes, message boxes: acknowledge them.
  conn.onRequest((_method: string) => null);
  conn.onNotification('window/logMessage', (p: { message: string }) => {
    log.push(p.message);
  });
  conn.onNotification((_method: string) => undefined);
  conn.onError(([e]) => log.push(`connection error: ${e.message}`));
  conn.listen();

  const rootUri = fileUri(opts.root);
  const init: any = await conn.sendRequest('initialize', {
    processId: process.pid,
    clientInfo: { name: 'reflective-accounts-bench' },
    rootUri,
    rootPath: opts.root,
    workspaceFolders,
    capabilities: CLIENT_CAPABILITIES,
    initializationOptions: opts.initializationOptions,
  });
  const capabilities = init?.capabilities ?? {};
  const sync = capabilities.textDocumentSync;
  const syncKind = typeof sync === 'number' ? sync : (sync?.change ?? 1);
  return {
    name: spec.name,
    conn,
    child,
    capabilities,
    rootUri,
    refreshes,
    log,
    syncKind,
    peakRss: () => (peak = Math.max(peak, readStatusKb(child.pid, 'VmHWM'))),
    rss: () => readStatusKb(child.pid, 'VmRSS'),
    cpuMs: () => readCpuMs(child.pid),
    close: async () => {
      clearInterval(poll);
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      try {
        await withTimeout(conn.sendRequest('shutdown'), 5000);
        await conn.sendNotification('exit');
      } catch {
        // a server that does not shut down cleanly is killed below
      }
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
      conn.dispose();
    },
  };
}

export function withTimeout<T>(p: Promise<T>, ms: number, what = 'request'): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>(
      (_, reject) => (timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms)),
    ),
  ]);
}

/** Sends `initialized` and the settings the way VS Code does (didChangeConfiguration with every section). */
export async function sendInitialized(s: Session, settings: Record<string, unknown>): Promise<void> {
  await s.conn.sendNotification('initialized', {});
  await s.conn.sendNotification('workspace/didChangeConfiguration', { settings });
}

export interface OpenDoc {
  uri: string;
  text: string;
  version: number;
}

export async function openDoc(s: Session, doc: OpenDoc): Promise<void> {
  await s.conn.sendNotification('textDocument/didOpen', {
    textDocument: { uri: doc.uri, languageId: 'markdown', version: doc.version, text: doc.text },
  });
}

/** Replaces [start, end) of the document with `insert`, incrementally or in full as the server asked. */
export async function changeDoc(s: Session, doc: OpenDoc, start: number, end: number, insert: string): Promise<void> {
  const before = doc.text;
  doc.text = before.slice(0, start) + insert + before.slice(end);
  doc.version++;
  const change =
    s.syncKind === 2
      ? { range: { start: positionOf(before, start), end: positionOf(before, end) }, text: insert }
      : { text: doc.text };
  await s.conn.sendNotification('textDocument/didChange', {
    textDocument: { uri: doc.uri, version: doc.version },
    contentChanges: [change],
  });
}

/** Pulls diagnostics for one document; resolves to the number of diagnostics. */
export async function pullDiagnostics(s: Session, uri: string): Promise<number> {
  const r: any = await s.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
  return Array.isArray(r?.items) ? r.items.length : 0;
}

/** 0-based line and UTF-16 character of an offset. */
export function positionOf(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10 || (ch === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, character: offset - lineStart };
}
