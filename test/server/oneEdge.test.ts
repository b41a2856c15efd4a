/**
 * The CLI and the language server read portfolios through one IO edge (server/src/io/): the same files are
 * accounts, the same files are skipped with the same reason, and a relative standards path means the same
 * folder, inside the portfolio, for both.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../server/src/cli/main';
import { syntheticUnit } from '../unit/helpers';
import { startTestServer, uriOf, type TestClient } from './harness';

/** The portfolio both front ends read: the server from memory under /ws, the CLI from a temporary folder. */
const FILES: Record<string, string | Uint8Array> = {
  'a.md': 'XYZ1/P3 and LMCA5/P1\n',
  'sub/b.md': 'LMCA5/P2\n',
  'drafts/c.md': 'LMCA5/P3\n',
  'bin.md': new Uint8Array([76, 0, 1, 2]),
  'latin1.md': new Uint8Array([0x63, 0x61, 0x66, 0xe9]),
  'units/xyz1.json': JSON.stringify(syntheticUnit('XYZ1', 3, 2)),
};

async function runCli(cwd: string, ...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const before = process.cwd();
  process.chdir(cwd);
  try {
    const code = await main(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
    return { code, stdout, stderr };
  } finally {
    process.chdir(before);
  }
}

describe('one IO edge: the CLI and the server agree', function () {
  let client: TestClient | undefined;
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ra-edge-'));
    for (const [name, content] of Object.entries(FILES)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), content);
    }
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  afterEach(() => client?.stop());

  it('on which files are accounts, which are skipped and why, and where a relative standards path points', async () => {
    // The CLI run from elsewhere: `units` is found inside the portfolio, not in the working directory.
    const cli = await runCli(os.tmpdir(), 'coverage', dir, '--format', 'json', '--standards', 'units');
    assert.equal(cli.code, 0, cli.stderr);
    const cliJson = JSON.parse(cli.stdout);
    const cliSkipped = cli.stderr
      .split('\n')
      .filter((l) => l.startsWith('skipped '))
      .map((l) => l.slice('skipped '.length).replace(dir, ''));

    const memory = Object.fromEntries(Object.entries(FILES).map(([name, content]) => [`/ws/${name}`, content]));
    client = await startTestServer({ files: memory, settings: { standardsPaths: ['units'] } });
    const server = await client.request('reflectiveAccounts/coverage', {});
    const serverSkipped = client
      .logs()
      .filter((l) => l.startsWith('Skipped '))
      .map((l) => l.slice('Skipped '.length).replace('/ws', ''));

    const evidence = (accounts: Array<{ evidence: string }>) => accounts.map((a) => a.evidence).sort();
    assert.deepEqual(evidence(cliJson.accounts), ['a', 'b', 'c']);
    assert.deepEqual(evidence(server.portfolios[0].accounts), evidence(cliJson.accounts));
    assert.deepEqual(serverSkipped.sort(), cliSkipped.sort());
    assert.deepEqual(cliSkipped.sort(), [
      '/bin.md: binary file (contains NUL bytes)',
      '/latin1.md: not valid UTF-8 text',
    ]);
    assert.ok(
      cliJson.units.some((u: { code: string }) => u.code === 'XYZ1'),
      'the CLI loaded units/xyz1.json',
    );
    assert.ok(
      server.portfolios[0].units.some((u: { code: string }) => u.code === 'XYZ1'),
      'the server loaded units/xyz1.json',
    );
    assert.deepEqual(
      (await client.diagnostics(uriOf('/ws/a.md'))).map((d: any) => d.code).filter((c: string) => c !== 'uncovered'),
      [],
    );
  });

  it('on excluded files, and no user standards at all in an untrusted workspace', async () => {
    const cli = await runCli(dir, 'check', '.', '--standards', 'units');
    assert.doesNotMatch(cli.stdout, /unknown-unit/);
    const memory = Object.fromEntries(Object.entries(FILES).map(([name, content]) => [`/ws/${name}`, content]));
    client = await startTestServer({
      files: memory,
      settings: { standardsPaths: ['units'], exclude: ['drafts/**'] },
      initializationOptions: { trusted: false },
    });
    const server = await client.request('reflectiveAccounts/coverage', {});
    assert.deepEqual(server.portfolios[0].accounts.map((a: { evidence: string }) => a.evidence).sort(), ['a', 'b']);
    assert.deepEqual(
      (await client.diagnostics(uriOf('/ws/a.md'))).map((d: any) => d.code).filter((c: string) => c !== 'uncovered'),
      ['unknown-unit'],
    );
  });
});
