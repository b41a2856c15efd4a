#!/usr/bin/env node
// `npm run try`: use the packaged extension in a browser, no VS Code needed. Installs code-server if not cached,
// packages the extension, starts code-server on 127.0.0.1 with the example portfolio (examples/, edited in place)
// and prints the URL. Ctrl+C (or SIGTERM) stops every process of the code-server session.
// Usage: npm run try [-- --port 8080] [-- --folder some/portfolio] [-- --no-package --vsix file.vsix]
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { freePort, startCodeServer, stopSession } from './lib/codeServer.mjs';
import { createServer } from 'node:net';
import { cacheDir, E2EError, killChildren, log, repoRoot, run } from './lib/env.mjs';
import { packageExtension } from './lib/vsix.mjs';
import { workbenchUrl } from './lib/browser.mjs';

const { values: opt } = parseArgs({
  options: {
    port: { type: 'string' },
    folder: { type: 'string', default: join(repoRoot, 'examples') },
    vsix: { type: 'string' },
  },
});

let server;
let stopping = false;
function shutdown(reason, code) {
  if (stopping) return;
  stopping = true;
  killChildren();
  if (server) {
    log('%s: stopping code-server (session %d)', reason, server.pid);
    stopSession(server.pid);
    server = undefined;
  }
  log('stopped');
  process.exit(code);
}
process.on('SIGINT', () => shutdown('Ctrl+C', 0));
process.on('SIGTERM', () => shutdown('SIGTERM', 0));
process.on('SIGHUP', () => shutdown('SIGHUP', 0));
process.on('exit', () => {
  if (server) stopSession(server.pid);
});

/** Whether 127.0.0.1:port is free (a stable address is nicer to bookmark). */
function available(port) {
  return new Promise((done) => {
    const srv = createServer().once('error', () => done(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => done(true)));
  });
}

try {
  const folder = resolve(opt.folder);
  if (!existsSync(folder)) throw new E2EError(`no folder ${folder}`);
  const setup = await run('bash', [join(repoRoot, 'scripts/e2e/setup.sh')], { timeoutMs: 20 * 60_000 });
  if (setup.code !== 0) throw new E2EError('installing code-server failed (see above)');
  const vsix = opt.vsix ? resolve(opt.vsix) : await packageExtension();
  // Settings persist between runs of `npm run try`; extensions are installed fresh from the new VSIX.
  const runDir = join(cacheDir, 'try');
  rmSync(join(runDir, 'extensions'), { recursive: true, force: true });
  mkdirSync(runDir, { recursive: true });
  const port = opt.port ? Number(opt.port) : (await available(8080)) ? 8080 : await freePort();
  server = await startCodeServer({ runDir, vsix: [vsix], port });
  const url = workbenchUrl(server.base, folder);
  console.log(
    `\nReflective Accounts is running in VS Code (code-server) on ${folder}\n\n  ${url}\n\n` +
      `Open that address in a browser on this machine. Ctrl+C stops it. Logs: ${server.logFile}\n`,
  );
  // Stay up until a signal arrives; if code-server dies on its own, say so and stop.
  const check = setInterval(() => {
    const alive = (() => {
      try {
        process.kill(server.pid, 0);
        return true;
      } catch {
        return false;
      }
    })();
    if (!alive) {
      clearInterval(check);
      log('code-server exited on its own; see %s', server.logFile);
      shutdown('exit', 1);
    }
  }, 2000);
} catch (e) {
  log('ERROR: %s', e instanceof E2EError ? e.message : (e?.stack ?? e));
  shutdown('error', 1);
}
