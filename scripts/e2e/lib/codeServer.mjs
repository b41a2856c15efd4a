// Start and stop one code-server (VS Code server + web workbench) for a test run or `npm run try`.
// It runs in its own session (setsid), so that stop() can find and end every process it spawned — extension
// hosts, file watchers, the language server — by their ids; ending only the launcher would leave them running.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { codeServerBin, codeServerEnv, E2EError, log, requireInstalled } from './env.mjs';

/** Settings for a quiet, deterministic, offline workbench. */
const WORKBENCH_SETTINGS = {
  'chat.disableAIFeatures': true,
  'workbench.startupEditor': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': 'off',
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'editor.minimap.enabled': false,
  'files.autoSave': 'off',
};

export function freePort() {
  return new Promise((resolvePort, rejectPort) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rejectPort);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolvePort(port));
    });
  });
}

/** Install VSIX files into the given dirs (before the server starts). Returns the installed extension folders. */
export function installExtensions({ runDir, userDataDir, extensionsDir, vsix }) {
  for (const file of vsix) {
    log('installing %s', file);
    const r = spawnSync(
      codeServerBin,
      ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', file, '--force'],
      { env: codeServerEnv(runDir), encoding: 'utf8', timeout: 180_000 },
    );
    if (r.status !== 0 || !/successfully installed/i.test(r.stdout + r.stderr)) {
      throw new E2EError(
        `installing ${file} into code-server failed (exit ${r.status}${r.error ? `, ${r.error.message}` : ''}):\n${r.stdout}${r.stderr}`,
      );
    }
  }
  return readdirSync(extensionsDir)
    .filter((d) => !d.startsWith('.') && d !== 'extensions.json')
    .map((d) => join(extensionsDir, d));
}

/**
 * Start code-server with fresh (or given) user-data and extensions dirs under runDir.
 * Returns { port, base, pid, userDataDir, extensionsDir, extensionDirs, logFile, stop }.
 */
export async function startCodeServer({ runDir, vsix = [], port, userDataDir, startTimeoutMs = 90_000 }) {
  requireInstalled();
  userDataDir ??= join(runDir, 'user-data');
  const extensionsDir = join(runDir, 'extensions');
  const env = codeServerEnv(runDir);
  for (const d of [join(userDataDir, 'User'), extensionsDir, env.XDG_CONFIG_HOME, env.XDG_DATA_HOME])
    mkdirSync(d, { recursive: true });
  const settingsFile = join(userDataDir, 'User', 'settings.json');
  if (!existsSync(settingsFile)) writeFileSync(settingsFile, JSON.stringify(WORKBENCH_SETTINGS, null, 2));
  const extensionDirs = installExtensions({ runDir, userDataDir, extensionsDir, vsix });

  port ??= await freePort();
  const logFile = join(runDir, 'code-server.log');
  const out = openSync(logFile, 'a');
  const args = [
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    // Makes the workbench honour ?payload=[["extensionDevelopmentPath",…],["extensionTestsPath",…]].
    '--vscode-option',
    'enable-smoke-test-driver',
  ];
  // detached: the child calls setsid(), so its pid is the id of its session and process group.
  const child = spawn(codeServerBin, args, { env, detached: true, stdio: ['ignore', out, out] });
  closeSync(out);
  const sid = child.pid;
  let exited = null;
  child.on('exit', (code, signal) => {
    exited = { code, signal };
  });
  child.unref();
  const base = `http://127.0.0.1:${port}`;
  const stop = () => stopSession(sid);
  log('code-server starting on %s (session %d), log %s', base, sid, logFile);

  const deadline = Date.now() + startTimeoutMs;
  for (;;) {
    if (exited) {
      stop();
      throw new E2EError(`code-server exited at start (${JSON.stringify(exited)}):\n${tail(logFile)}`);
    }
    if (await healthy(base)) break;
    if (Date.now() > deadline) {
      stop();
      throw new E2EError(
        `code-server did not answer ${base}/healthz within ${startTimeoutMs / 1000} s:\n${tail(logFile)}`,
      );
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { port, base, pid: sid, userDataDir, extensionsDir, extensionDirs, logFile, stop };
}

async function healthy(base) {
  try {
    const res = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(2000) });
    return res.ok;
  } catch {
    return false;
  }
}

function tail(file, lines = 40) {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/**
 * Pids of every live process whose session id is sid (the session leader included). Zombies are left out: they
 * have ended, and the leader's is reaped by this very process once its event loop runs again.
 */
export function sessionPids(sid) {
  const r = spawnSync('ps', ['-o', 'pid=,stat=', '-s', String(sid)], { encoding: 'utf8' });
  return (r.stdout || '')
    .trim()
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter(([pid, stat]) => pid && !stat?.startsWith('Z'))
    .map(([pid]) => Number(pid))
    .filter((p) => p !== process.pid);
}

/**
 * End every process of the session: SIGTERM to the process group and to each member by pid, up to 5 s of
 * grace, then SIGKILL to whatever is left. Synchronous, so it also works from an 'exit' handler.
 */
export function stopSession(sid, graceMs = 5000) {
  const signalAll = (sig) => {
    try {
      process.kill(-sid, sig);
    } catch {
      /* group gone */
    }
    for (const p of sessionPids(sid)) {
      try {
        process.kill(p, sig);
      } catch {
        /* gone */
      }
    }
  };
  if (sessionPids(sid).length === 0) return 0;
  signalAll('SIGTERM');
  const deadline = Date.now() + graceMs;
  while (sessionPids(sid).length > 0 && Date.now() < deadline) spawnSync('sleep', ['0.1']);
  const left = sessionPids(sid);
  if (left.length > 0) {
    const names = spawnSync('ps', ['-o', 'args=', '-p', left.join(',')], { encoding: 'utf8' })
      .stdout.trim()
      .split('\n')
      .map((a) =>
        a
          .split(' ')
          .slice(0, 3)
          .map((w) => w.split('/').pop())
          .join(' '),
      );
    log('session %d: still running %d s after SIGTERM, sending SIGKILL: %s', sid, graceMs / 1000, names.join('; '));
    signalAll('SIGKILL');
  }
  return left.length;
}
