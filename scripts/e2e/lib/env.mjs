// Where the offline end-to-end tooling lives and how its child processes are run.
// Everything big (Node 24, code-server) is cached OUTSIDE the repository; see scripts/e2e/setup.sh, which uses
// the same defaults and RA_E2E_* overrides.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const cacheDir =
  process.env.RA_E2E_CACHE || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'reflective-accounts-e2e');
const nodeMajor = process.env.RA_E2E_NODE_MAJOR || '24';
export const codeServerVersion = process.env.RA_E2E_CODE_SERVER_VERSION || '4.139.1';
export const chromiumPath = process.env.RA_E2E_CHROMIUM || '/usr/bin/chromium';
export const node24Bin = join(cacheDir, `node${nodeMajor}`, 'bin');
export const codeServerBin = join(cacheDir, `code-server-${codeServerVersion}`, 'node_modules', '.bin', 'code-server');
/** Screenshots, copied logs and failure pictures (git-ignored). */
export const artifactsDir = join(repoRoot, 'test-artifacts', 'e2e');

const t0 = Date.now();
/** A log line with the seconds since start, on stderr so that the suite's own report stays clean on stdout. */
export function log(...args) {
  process.stderr.write(`[e2e ${((Date.now() - t0) / 1000).toFixed(1).padStart(5)}s] ${format(...args)}\n`);
}

/** Thrown for problems that need a clear one-line explanation rather than a stack trace. */
export class E2EError extends Error {}

/**
 * The environment for code-server: Node 24 first on PATH, nothing of the calling npm run (npm_config_*), nothing
 * of an enclosing VS Code (VSCODE_*, ELECTRON_RUN_AS_NODE), no gallery (offline), config and data under runDir.
 */
export function codeServerEnv(runDir) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(npm_|VSCODE_|ELECTRON_)/i.test(k) || k === 'NODE_OPTIONS' || k === 'INIT_CWD') continue;
    env[k] = v;
  }
  env.PATH = `${node24Bin}:${process.env.PATH}`;
  env.XDG_CONFIG_HOME = join(runDir, 'xdg-config');
  env.XDG_DATA_HOME = join(runDir, 'xdg-data');
  env.EXTENSIONS_GALLERY = '{}';
  return env;
}

export function requireInstalled() {
  if (!existsSync(codeServerBin) || !existsSync(join(node24Bin, 'node'))) {
    throw new E2EError(`code-server is not installed in ${cacheDir}: run bash scripts/e2e/setup.sh`);
  }
  if (!existsSync(chromiumPath)) throw new E2EError(`${chromiumPath} is missing: run bash scripts/e2e/setup.sh`);
}

/** Children started by run(), each the leader of its own process group, so that a signal can end them all. */
const children = new Set();

/** End every command run() has started and not yet seen finish (for signal handlers). */
export function killChildren(signal = 'SIGTERM') {
  for (const pid of children) {
    try {
      process.kill(-pid, signal);
    } catch {
      /* already gone */
    }
  }
}

/**
 * Runs a command to completion, streaming its output with a prefix (or silently into `capture`), with a time
 * limit. Resolves with { code, output }; never rejects for a non-zero exit (callers decide).
 */
export function run(
  cmd,
  args,
  { cwd = repoRoot, env = process.env, timeoutMs = 15 * 60_000, quiet = false, prefix = '' } = {},
) {
  return new Promise((resolveRun, rejectRun) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    if (child.pid) children.add(child.pid);
    let output = '';
    const onData = (chunk) => {
      const text = chunk.toString();
      output += text;
      if (!quiet) process.stderr.write(prefix ? text.replace(/^(?=.)/gm, prefix) : text);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const timer = setTimeout(() => {
      output += `\n[timed out after ${timeoutMs / 1000} s]\n`;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      rejectRun(new E2EError(`cannot run ${cmd}: ${e.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      children.delete(child.pid);
      resolveRun({ code: code ?? (signal ? 128 : 1), output });
    });
  });
}
