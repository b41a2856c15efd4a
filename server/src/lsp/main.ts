/**
 * Entry of the language server bundle (dist/server.js). VS Code's client and other editors start it
 * with --stdio (or through `reflective-accounts serve --stdio`, which imports this module and calls
 * startStdioServer()).
 */
import { Console } from 'node:console';
import * as path from 'node:path';
import { createConnection, ProposedFeatures, StreamMessageWriter, type Connection } from 'vscode-languageserver/node';
import { createServerFileSystem } from '../io/nodeFileSystem';
import { PacedMessageReader } from './pacedReader';
import { startServer } from './server';

let started = false;

function start(connection: Connection, messagesWaiting?: () => boolean): void {
  if (started) return;
  started = true;
  // A bug must cost one answer, not the server: log and carry on.
  process.on('uncaughtException', (e) => connection.console.error(`uncaught: ${e?.stack ?? e}`));
  process.on('unhandledRejection', (e) => connection.console.error(`unhandled rejection: ${(e as Error)?.stack ?? e}`));
  startServer(connection, { fs: createServerFileSystem(), messagesWaiting });
}

/** The server over this process's stdin and stdout, whatever the command line says. */
export function startStdioServer(): void {
  if (started) return;
  // stdout carries the protocol: one stray console.log (ours or a library's) would corrupt the stream and
  // end the session. The console writes to stderr instead, which editors show as the server's log.
  globalThis.console = new Console({ stdout: process.stderr, stderr: process.stderr });
  const reader = new PacedMessageReader(process.stdin);
  start(createConnection(ProposedFeatures.all, reader, new StreamMessageWriter(process.stdout)), () => reader.busy);
}

/** The server over the transport named on the command line (--node-ipc, --socket=N, --pipe=P), else stdio. */
function startFromCommandLine(): void {
  const named = process.argv.some((a) => /^--(node-ipc|socket|pipe)\b/.test(a));
  if (named) start(createConnection(ProposedFeatures.all));
  else startStdioServer();
}

/**
 * Only when this file is the program (dist/server.js, or main.ts run directly): the CLI bundle contains this
 * module too, and there `require.main === module` also holds, so the file name tells the two apart.
 */
const isProgram =
  typeof require !== 'undefined' &&
  require.main === module &&
  /^(server|main)\.[cm]?[jt]s$/.test(path.basename(require.main?.filename ?? ''));
if (isProgram) startFromCommandLine();
