/**
 * Huge and hostile documents through the real server process: a 10 MB account is skipped with one message
 * under the default maxFileSize and fully served (completion, hover, diagnostics) once the limit is raised;
 * a deeply nested account is answered at once.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { deepNesting, hugeAccount } from '../hostile/inputs';
import { timedAsync } from '../hostile/timing';
import { ProcessServer, serverBuilt, uriOf } from './processServer';

describe('protocol: huge and deeply nested accounts', function () {
  this.timeout(90_000); // megabytes through a pipe on a loaded machine
  let folder: string;
  let text: string;
  let server: ProcessServer | undefined;
  const huge = () => uriOf(path.join(folder, 'huge.md'));
  /** The position just after the slash of the last citation, and of its first item. */
  let slash: { line: number; character: number };

  before(function () {
    assert.ok(serverBuilt(), 'dist/server.js is built (npm test builds it first)');
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ra-huge-'));
    text = hugeAccount(10_000_000);
    fs.writeFileSync(path.join(folder, 'huge.md'), text);
    fs.writeFileSync(path.join(folder, 'small.md'), 'A small account (LMCA5/P3).\n');
    const at = text.lastIndexOf('LMCB2/') + 'LMCB2/'.length;
    const lines = text.slice(0, at).split('\n');
    slash = { line: lines.length - 1, character: lines[lines.length - 1].length };
  });
  after(() => folder && fs.rmSync(folder, { recursive: true, force: true }));
  afterEach(async () => {
    if (!server) return;
    const s = server;
    server = undefined;
    assert.ok(s.alive(), `the server process is alive at the end (stderr: ${s.stderr.slice(-500)})`);
    assert.deepEqual(s.uncaught(), []);
    assert.equal(await s.stop(), 0);
  });

  it('skips a 10 MB account over the default maxFileSize, saying so once, and indexes the rest', async () => {
    server = await ProcessServer.start({ folder, settings: {} });
    await server.until(() => server!.logs.some((l) => l.startsWith('Indexed')), 60_000, 'indexing');
    const skipped = server.logs.filter((l) => l.startsWith('Skipped'));
    assert.equal(skipped.length, 1, skipped.join('\n'));
    assert.match(skipped[0], /huge\.md: larger than reflectiveAccounts\.maxFileSize \(10000000 > 2000000 bytes\)/);
    const coverage = await server.request('reflectiveAccounts/coverage', {});
    assert.deepEqual(
      coverage.portfolios[0].accounts.map((a: any) => a.evidence),
      ['small'],
    );
  });

  it('serves a 10 MB account once maxFileSize is raised: completion, hover and diagnostics answer', async () => {
    server = await ProcessServer.start({ folder, settings: { maxFileSize: 20_000_000 } });
    const coverage = await timedAsync('server: index a folder with a 10 MB account (maxFileSize 20 MB)', () =>
      server!.request('reflectiveAccounts/coverage', {}),
    );
    assert.deepEqual(coverage.portfolios[0].accounts.map((a: any) => a.evidence).sort(), ['RA99', 'small']);
    server.notify('textDocument/didOpen', { textDocument: { uri: huge(), languageId: 'markdown', version: 1, text } });
    const list = await timedAsync('server: completion in a 10 MB account', () =>
      server!.request('textDocument/completion', { textDocument: { uri: huge() }, position: slash }),
    );
    assert.equal(list.items.length, 152, 'LMCB2 criteria');
    const hover = await timedAsync('server: hover in a 10 MB account', () =>
      server!.request('textDocument/hover', {
        textDocument: { uri: huge() },
        position: { line: slash.line, character: slash.character + 1 },
      }),
    );
    assert.match(hover.contents.value, /LMCB2/);
    const report = await timedAsync('server: diagnostics of a 10 MB account', () =>
      server!.request('textDocument/diagnostic', { textDocument: { uri: huge() } }),
    );
    assert.ok(Array.isArray(report.items));
    const edit = { line: 0, character: 0 };
    server.notify('textDocument/didChange', {
      textDocument: { uri: huge(), version: 2 },
      contentChanges: [{ range: { start: edit, end: edit }, text: 'x' }],
    });
    const again = await timedAsync('server: completion after an edit of a 10 MB account', () =>
      server!.request('textDocument/completion', { textDocument: { uri: huge() }, position: slash }),
    );
    assert.equal(again.items.length, 152);
  });

  for (const [what, make] of Object.entries(deepNesting).slice(0, 3)) {
    it(`answers at once on an account of ${what}`, async () => {
      server = await ProcessServer.start({ folder: fs.mkdtempSync(path.join(os.tmpdir(), 'ra-deep-')), settings: {} });
      const uri = uriOf(path.join(os.tmpdir(), 'deep.md'));
      server.notify('textDocument/didOpen', {
        textDocument: { uri, languageId: 'markdown', version: 1, text: make() },
      });
      const report = await timedAsync(`server: diagnostics of ${what}`, () =>
        server!.request('textDocument/diagnostic', { textDocument: { uri } }),
      );
      assert.ok(Array.isArray(report.items));
    });
  }
});
