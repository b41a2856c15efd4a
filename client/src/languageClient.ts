/**
 * Starts the bundled language server (dist/server.js, Node, stdio) for Markdown files and untitled Markdown, and
 * wraps requests so that a server that is starting, restarting or has failed costs an empty answer, never an
 * exception in a command or the panel.
 */
import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { SERVER_EXEC_ARGV } from '../../server/src/serverLaunch';

export interface Server {
  client: LanguageClient;
  /** A request once the server runs; undefined (logged) when it cannot answer. */
  request<R>(method: string, params?: unknown): Promise<R | undefined>;
  restart(): Promise<void>;
}

export function createServer(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): Server {
  const module = context.asAbsolutePath('dist/server.js');
  // Over stdio, like every other editor: the server then reads its input at its own pace (pacedReader.ts).
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.stdio, options: { execArgv: [...SERVER_EXEC_ARGV] } },
    debug: {
      module,
      transport: TransportKind.stdio,
      options: { execArgv: [...SERVER_EXEC_ARGV, '--nolazy', '--inspect=6019'] },
    },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'untitled', language: 'markdown' },
    ],
    synchronize: { configurationSection: 'reflectiveAccounts' },
    // A function, so a restart after the user trusts the workspace tells the server.
    // suggestPicker: criterion suggestions come as one code action that opens citeCriterion's pick list.
    initializationOptions: () => ({ trusted: vscode.workspace.isTrusted, suggestPicker: true }),
    outputChannel: output,
  };
  const client = new LanguageClient('reflectiveAccounts', 'Reflective Accounts', serverOptions, clientOptions);
  let starting: Promise<void> = client
    .start()
    .catch((e) => output.appendLine(`[client] the server did not start: ${e?.message ?? e}`));

  return {
    client,
    async request<R>(method: string, params?: unknown): Promise<R | undefined> {
      await starting;
      if (!client.isRunning()) return undefined;
      try {
        return await client.sendRequest<R>(method, params ?? {});
      } catch (e) {
        output.appendLine(`[client] ${method} failed: ${(e as Error)?.message ?? e}`);
        return undefined;
      }
    },
    async restart() {
      starting = (client.isRunning() ? client.restart() : client.start()).catch((e) =>
        output.appendLine(`[client] restart failed: ${e?.message ?? e}`),
      );
      await starting;
    },
  };
}
