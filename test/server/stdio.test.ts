import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';

/**
 * The built bundles as other editors start them: `node dist/server.js --stdio` and
 * `node dist/cli.js serve --stdio` (npm test builds before mocha runs).
 */
const root = path.resolve(__dirname, '../..');
const commands: Array<[string, string[]]> = [
  ['dist/server.js --stdio', [path.join(root, 'dist/server.js'), '--stdio']],
  ['dist/cli.js serve --stdio', [path.join(root, 'dist/cli.js'), 'serve', '--stdio']],
];

describe('server: the built bundles over stdio', function () {
  let folder: string;
  let strayLog: string;
  before(function () {
    // `npm test` builds the bundles before mocha runs; a missing bundle is a broken build, not a reason to skip.
    for (const bundle of ['dist/server.js', 'dist/cli.js']) {
      assert.ok(fs.existsSync(path.join(root, bundle)), `${bundle} is missing: run \`npm run build\` (npm test does)`);
    }
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ra-stdio-'));
    strayLog = path.join(folder, 'stray-log.cjs');
    fs.writeFileSync(strayLog, "setTimeout(() => console.log('a stray log line'), 0);\n");
    fs.writeFileSync(
      path.join(folder, 'ra1.md'),
      '---\nevidence: RA1\nunits: [LMCA5]\n---\nI agreed the plan (LMCA5/P1, K45).\n',
    );
    // A folded title: the YAML library, bundled, reads it.
    fs.writeFileSync(
      path.join(folder, 'ra2.md'),
      '---\nevidence: RA2\ntitle: >\n  Supervision\n  records\n---\nI kept the records (LMCA5/P2).\n',
    );
  });
  after(() => folder && fs.rmSync(folder, { recursive: true, force: true }));

  for (const [name, args] of commands) {
    it(name, async () => {
      // A stray console.log in the server's process must not reach stdout, the protocol's stream.
      const child: ChildProcess = spawn(process.execPath, ['-r', strayLog, ...args], {
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr!.on('data', (d) => (stderr += d));
      const conn: MessageConnection = createMessageConnection(
        new StreamMessageReader(child.stdout!),
        new StreamMessageWriter(child.stdin!),
      );
      conn.onRequest(() => null); // registrations, progress tokens, refreshes
      conn.listen();
      try {
        const init: any = await conn.sendRequest('initialize', {
          processId: process.pid,
          rootUri: null,
          capabilities: {},
          workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'p' }],
        });
        assert.equal(init.serverInfo.name, 'reflective-accounts');
        await conn.sendNotification('initialized', {});
        const uri = pathToFileURL(path.join(folder, 'ra1.md')).href;
        const published = new Promise<any>((resolve) =>
          conn.onNotification('textDocument/publishDiagnostics', (p: any) => {
            if (p.uri === uri) resolve(p);
          }),
        );
        await conn.sendNotification('textDocument/didOpen', {
          textDocument: {
            uri,
            languageId: 'markdown',
            version: 1,
            text: 'I agreed the plan (LMCA5/P1, K45) LMCA6/P1.\n',
          },
        });
        const list: any = await conn.sendRequest('textDocument/completion', {
          textDocument: { uri },
          position: { line: 0, character: 25 },
        });
        assert.equal(list.items.length, 129);
        const diagnostics = (await published).diagnostics.map((d: any) => d.code);
        assert.ok(diagnostics.includes('unknown-unit'), diagnostics.join());
        assert.match(stderr, /a stray log line/, 'the stray line went to stderr');
        const coverage: any = await conn.sendRequest('reflectiveAccounts/coverage', {});
        const titles = coverage.portfolios[0].accounts.map((a: any) => `${a.evidence}: ${a.title}`);
        assert.deepEqual(titles, ['ra1: null', 'RA2: Supervision records']);
        await conn.sendRequest('shutdown');
        const exited = new Promise((resolve) => child.on('exit', resolve));
        await conn.sendNotification('exit');
        assert.equal(await exited, 0);
      } finally {
        conn.dispose();
        child.kill();
      }
    });
  }
});
