/**
 * The real language server in its own process (`node dist/server.js --stdio`, as other editors start it),
 * driven by a vscode-jsonrpc client that answers the server's requests like an editor. The protocol tier uses
 * it to check that the process survives whatever a client sends.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';

export const ROOT = path.resolve(__dirname, '../..');
export const SERVER_JS = path.join(ROOT, 'dist/server.js');
export const serverBuilt = () => fs.existsSync(SERVER_JS) && fs.existsSync(path.join(ROOT, 'server/src/lsp/server.ts'));
export const uriOf = (p: string) => pathToFileURL(p).href;

/** What VS Code announces; `push: true` drops pull diagnostics, as older Neovim and Helix do. */
export function capabilities(push = false): Record<string, unknown> {
  return {
    workspace: {
      configuration: true,
      workspaceFolders: true,
      didChangeConfiguration: { dynamicRegistration: true },
      diagnostics: { refreshSupport: true },
    },
    textDocument: {
      ...(push ? {} : { diagnostic: { dynamicRegistration: false } }),
      completion: { completionItem: { documentationFormat: ['markdown'] } },
      hover: { contentFormat: ['markdown'] },
      synchronization: { dynamicRegistration: false },
    },
    window: { workDoneProgress: true },
  };
}

export interface ServerOptions {
  folder: string;
  /** The answer to every workspace/configuration item; a function may throw to make the request fail. */
  settings?: unknown | (() => unknown);
  push?: boolean;
}

export class ProcessServer {
  readonly logs: string[] = [];
  readonly published: Array<{ uri: string; version?: number; diagnostics: any[] }> = [];
  stderr = '';
  private waiters: Array<() => void> = [];

  private constructor(
    readonly child: ChildProcess,
    readonly conn: MessageConnection,
  ) {}

  static async start(options: ServerOptions): Promise<ProcessServer> {
    const child = spawn(process.execPath, [SERVER_JS, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const conn = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const server = new ProcessServer(child, conn);
    child.stderr!.on('data', (d) => (server.stderr += String(d)));
    conn.onRequest('workspace/configuration', (params: { items: unknown[] }) => {
      const answer = typeof options.settings === 'function' ? (options.settings as () => unknown)() : options.settings;
      return params.items.map(() => answer);
    });
    conn.onRequest(() => null); // registrations, progress tokens, refreshes
    conn.onNotification('window/logMessage', (p: { message: string }) =>
      server.event(() => server.logs.push(p.message)),
    );
    conn.onNotification('textDocument/publishDiagnostics', (p: any) => server.event(() => server.published.push(p)));
    conn.onNotification(() => undefined);
    conn.onError(() => undefined);
    conn.listen();
    await conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: capabilities(options.push),
      workspaceFolders: [{ uri: uriOf(options.folder), name: path.basename(options.folder) }],
    });
    await conn.sendNotification('initialized', {});
    return server;
  }

  private event(record: () => void): void {
    record();
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  /** Resolves when `test` holds, checked after every log line and every diagnostics notification. */
  until(test: () => boolean, timeoutMs = 30_000, what = 'condition'): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), timeoutMs);
      const check = () => {
        if (test()) {
          clearTimeout(timer);
          resolve();
        } else this.waiters.push(check);
      };
      check();
    });
  }

  request<R = any>(method: string, params?: unknown): Promise<R> {
    return this.conn.sendRequest(method, params) as Promise<R>;
  }

  /** The request's result, or the error it was answered with; never a hang (a timeout rejects). */
  async answer(
    method: string,
    params?: unknown,
    timeoutMs = 20_000,
  ): Promise<{ result?: unknown; error?: { code: number; message: string } }> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>(
      (_, reject) => (timer = setTimeout(() => reject(new Error(`${method} was never answered`)), timeoutMs)),
    );
    try {
      return { result: await Promise.race([this.request(method, params), timeout]) };
    } catch (e) {
      const err = e as { code?: number; message: string };
      if (err.code === undefined) throw e;
      return { error: { code: err.code, message: err.message } };
    } finally {
      clearTimeout(timer);
    }
  }

  notify(method: string, params?: unknown): void {
    void this.conn.sendNotification(method, params);
  }

  alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Log lines that mean a handler threw all the way out (the process-level safety net caught it). */
  uncaught(): string[] {
    return this.logs.filter((l) => /^(uncaught|unhandled rejection)/.test(l));
  }

  async stop(): Promise<number | null> {
    if (!this.alive()) return this.child.exitCode;
    const exited = new Promise<number | null>((resolve) => this.child.once('exit', (code) => resolve(code)));
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([this.request('shutdown'), new Promise((r) => (timer = setTimeout(r, 5000)))]);
      this.notify('exit');
    } catch {
      // the connection may already be gone
    } finally {
      clearTimeout(timer);
    }
    const kill = setTimeout(() => this.child.kill(), 5000);
    const code = await exited;
    clearTimeout(kill);
    this.conn.dispose();
    return code;
  }
}
