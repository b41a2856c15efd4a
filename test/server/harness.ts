/**
 * The server tier's test rig: the real `startServer` over an in-memory stream pair, an in-memory disk, and a
 * real JSON-RPC client (vscode-jsonrpc) that answers the server's requests the way an editor would. Tests
 * wait on events (a refresh request, a notification), never on fixed sleeps.
 */
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import { createConnection, ProposedFeatures, type ClientCapabilities } from 'vscode-languageserver/node';
import type { FileStat, FileSystem } from '../../server/src/io/deps';
import { startServer } from '../../server/src/lsp/server';

/** A disk in memory: paths to bytes. Folders exist implicitly. */
export class MemoryFs implements FileSystem {
  readonly files = new Map<string, Uint8Array>();

  constructor(files: Record<string, string | Uint8Array> = {}) {
    for (const [p, content] of Object.entries(files)) this.write(p, content);
  }
  write(p: string, content: string | Uint8Array): void {
    this.files.set(p, typeof content === 'string' ? new TextEncoder().encode(content) : content);
  }
  delete(p: string): void {
    this.files.delete(p);
  }
  async listFiles(folder: string, recursive: boolean): Promise<string[]> {
    const prefix = folder.endsWith('/') ? folder : folder + '/';
    return [...this.files.keys()]
      .filter((f) => f.startsWith(prefix) && (recursive || !f.slice(prefix.length).includes('/')))
      .filter((f) => !/\/(node_modules|\.git)\//.test(f.slice(prefix.length - 1)))
      .sort();
  }
  async stat(p: string): Promise<FileStat | undefined> {
    const bytes = this.files.get(p);
    if (bytes) return { size: bytes.length, isDirectory: false };
    const prefix = p.endsWith('/') ? p : p + '/';
    return [...this.files.keys()].some((f) => f.startsWith(prefix)) ? { size: 0, isDirectory: true } : undefined;
  }
  /** Paths read with readFile, in order. */
  readonly reads: string[] = [];

  async readFile(p: string): Promise<Uint8Array> {
    this.reads.push(p);
    const bytes = this.files.get(p);
    if (!bytes) throw new Error(`ENOENT: ${p}`);
    return bytes;
  }
}

export const uriOf = (p: string): string => pathToFileURL(p).href;

/** What an editor like VS Code announces: pull diagnostics with refresh, configuration, dynamic watchers. */
export const VSCODE_LIKE: ClientCapabilities = {
  workspace: {
    configuration: true,
    workspaceFolders: true,
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true },
    diagnostics: { refreshSupport: true },
    codeLens: { refreshSupport: true },
  },
  textDocument: {
    diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
    completion: { completionItem: { documentationFormat: ['markdown', 'plaintext'] } },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    synchronization: { dynamicRegistration: false },
  },
  window: { workDoneProgress: true, showMessage: {} },
};

/** An older Neovim or Helix: no pull diagnostics, no configuration pull. */
export const PUSH_ONLY: ClientCapabilities = {
  workspace: { workspaceFolders: true },
  textDocument: {
    completion: { completionItem: { documentationFormat: ['markdown'] } },
    hover: { contentFormat: ['markdown'] },
  },
};

export interface ServerEvent {
  kind: 'refresh' | 'publish' | 'coverage' | 'log' | 'showMessage' | 'progress' | 'register';
  params: any;
}

export interface TestClientOptions {
  files?: Record<string, string | Uint8Array>;
  /** Folder paths; the default is one folder, /ws. */
  folders?: string[];
  settings?: Record<string, unknown>;
  capabilities?: ClientCapabilities;
  initializationOptions?: unknown;
  /** Passed to the server as ServerDeps.messagesWaiting. */
  messagesWaiting?: () => boolean;
}

export class TestClient {
  readonly events: ServerEvent[] = [];
  private waiters: Array<{ match: (e: ServerEvent) => boolean; resolve: (e: ServerEvent) => void }> = [];
  private versions = new Map<string, number>();
  settings: Record<string, unknown>;
  initializeResult: any;

  constructor(
    readonly connection: MessageConnection,
    readonly fs: MemoryFs,
    settings: Record<string, unknown>,
  ) {
    this.settings = settings;
  }

  record(event: ServerEvent): void {
    this.events.push(event);
    const ready = this.waiters.filter((w) => w.match(event));
    this.waiters = this.waiters.filter((w) => !ready.includes(w));
    for (const w of ready) w.resolve(event);
  }

  /** The next event of a kind (matching a predicate) from now on; call it before the action that causes it. */
  next(
    kind: ServerEvent['kind'],
    match: (params: any) => boolean = () => true,
    timeoutMs = 5000,
  ): Promise<ServerEvent> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${kind} event within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({
        match: (e) => e.kind === kind && match(e.params),
        resolve: (e) => {
          clearTimeout(timer);
          resolve(e);
        },
      });
    });
  }

  /** An event that already happened, or else the next one. */
  seen(kind: ServerEvent['kind'], match: (params: any) => boolean = () => true): Promise<ServerEvent> {
    const past = this.events.find((e) => e.kind === kind && match(e.params));
    return past ? Promise.resolve(past) : this.next(kind, match);
  }

  logs(): string[] {
    return this.events.filter((e) => e.kind === 'log').map((e) => e.params.message);
  }

  open(uri: string, text: string): void {
    this.versions.set(uri, 1);
    void this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'markdown', version: 1, text },
    });
  }
  /** Replaces the whole text (a content change without a range). */
  change(uri: string, text: string): void {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    void this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
  }
  close(uri: string): void {
    void this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }
  request<R = any>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }
  at(uri: string, line: number, character: number) {
    return { textDocument: { uri }, position: { line, character } };
  }
  async diagnostics(uri: string): Promise<any[]> {
    const report = await this.request('textDocument/diagnostic', { textDocument: { uri } });
    return report.items;
  }

  async stop(): Promise<void> {
    await this.request('shutdown', null);
    this.connection.dispose();
  }
}

export async function startTestServer(opts: TestClientOptions = {}): Promise<TestClient> {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const fs = new MemoryFs(opts.files ?? {});
  const serverConnection = createConnection(
    ProposedFeatures.all,
    new StreamMessageReader(toServer),
    new StreamMessageWriter(toClient),
  );
  startServer(serverConnection, { fs, messagesWaiting: opts.messagesWaiting });

  const connection = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  const client = new TestClient(connection, fs, opts.settings ?? {});
  connection.onRequest('workspace/configuration', (params: { items: Array<{ section?: string }> }) =>
    params.items.map(() => client.settings),
  );
  connection.onRequest('workspace/diagnostic/refresh', () => {
    client.record({ kind: 'refresh', params: null });
    return null;
  });
  connection.onRequest('workspace/codeLens/refresh', () => null);
  connection.onRequest('client/registerCapability', (params) => {
    client.record({ kind: 'register', params });
    return null;
  });
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onNotification('$/progress', (params) => client.record({ kind: 'progress', params }));
  connection.onNotification('window/logMessage', (params) => client.record({ kind: 'log', params }));
  connection.onNotification('window/showMessage', (params) => client.record({ kind: 'showMessage', params }));
  connection.onNotification('textDocument/publishDiagnostics', (params) => client.record({ kind: 'publish', params }));
  connection.onNotification('reflectiveAccounts/coverageDidChange', (params) =>
    client.record({ kind: 'coverage', params }),
  );
  connection.listen();

  const folders = opts.folders ?? ['/ws'];
  client.initializeResult = await connection.sendRequest('initialize', {
    processId: null,
    rootUri: null,
    capabilities: opts.capabilities ?? VSCODE_LIKE,
    workspaceFolders: folders.map((f) => ({ uri: uriOf(f), name: path.basename(f) })),
    initializationOptions: opts.initializationOptions,
  });
  await connection.sendNotification('initialized', {});
  return client;
}

/** Applies the edits of a WorkspaceEdit to one document's text. */
export function applyEdits(
  text: string,
  edits: Array<{
    range: { start: { line: number; character: number }; end: { line: number; character: number } };
    newText: string;
  }>,
): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) =>
    lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}

/** Line and character of the first occurrence of `needle` in `text` (plus `shift` characters). */
export function positionOf(text: string, needle: string, shift = 0): { line: number; character: number } {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`${needle} not in text`);
  const before = text.slice(0, at + shift).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}
