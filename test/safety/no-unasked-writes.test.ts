/**
 * No unasked writes: a full session over a copy of examples/ (the language server process indexing it, every
 * completion, hover, definition, reference, code action and code lens, diagnostics pulled one by one and for
 * the workspace, coverage, records, unit documents, edits that are never saved; then the CLI's coverage,
 * check, import and export) leaves every file of the portfolio byte for byte as it was, with the same mtime,
 * and adds none. Exports go to new files only; asked to overwrite an account they refuse.
 */
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../server/src/cli/main';
import { ProcessServer, ROOT, serverBuilt, uriOf } from '../protocol/processServer';

interface Snapshot {
  [file: string]: { sha256: string; mtimeMs: number; size: number; mode: number };
}

function snapshot(dir: string): Snapshot {
  const out: Snapshot = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else {
        const st = fs.statSync(full);
        out[path.relative(dir, full)] = {
          sha256: createHash('sha256').update(fs.readFileSync(full)).digest('hex'),
          mtimeMs: st.mtimeMs,
          size: st.size,
          mode: st.mode,
        };
      }
    }
  };
  walk(dir);
  return out;
}

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

/** Every position of a text worth asking about: after each slash and comma, and inside each word. */
function positionsOf(text: string): Array<{ line: number; character: number }> {
  const out: Array<{ line: number; character: number }> = [];
  text.split('\n').forEach((line, n) => {
    for (let c = 0; c <= line.length; c++)
      if (/[/,]/.test(line[c - 1] ?? '') || c % 7 === 0) out.push({ line: n, character: c });
  });
  return out;
}

describe('safety: a full session writes nothing it was not asked to', function () {
  this.timeout(90_000);
  let tmp: string;
  let portfolio: string;
  let before: Snapshot;
  let server: ProcessServer | undefined;

  beforeEach(() => {
    assert.ok(serverBuilt(), 'dist/server.js is built (npm test builds it first)');
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ra-safety-'));
    portfolio = path.join(tmp, 'portfolio');
    fs.cpSync(path.join(ROOT, 'examples'), portfolio, { recursive: true });
    fs.mkdirSync(path.join(portfolio, '.standards'));
    fs.writeFileSync(
      path.join(portfolio, '.standards', 'centre.json'),
      fs.readFileSync(path.join(ROOT, 'standards', 'LMCB5.json'), 'utf8').replace(/"LMCB5"/g, '"LMCX5"'),
    );
    // Old mtimes, so that any write, even of the same bytes, shows.
    const old = new Date('2020-01-02T03:04:05Z');
    for (const f of Object.keys(snapshot(portfolio))) fs.utimesSync(path.join(portfolio, f), old, old);
    before = snapshot(portfolio);
  });

  afterEach(async () => {
    if (server) {
      const s = server;
      server = undefined;
      assert.ok(s.alive(), 'the server is still running');
      await s.stop();
    }
    assert.deepEqual(
      snapshot(portfolio),
      before,
      'every file of the portfolio is unchanged (bytes, size, mode, mtime) and none was added',
    );
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('through the language server: index, completion, hover, navigation, code actions, diagnostics, coverage, records', async () => {
    server = await ProcessServer.start({ folder: portfolio, settings: {} });
    await server.until(() => server!.logs.some((l) => l.startsWith('Indexed')), 30_000, 'indexing');
    const accounts = Object.keys(before).filter((f) => f.endsWith('.md'));
    assert.ok(accounts.length >= 4);
    for (const file of accounts) {
      const uri = uriOf(path.join(portfolio, file));
      const text = fs.readFileSync(path.join(portfolio, file), 'utf8');
      server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
      const doc = { textDocument: { uri } };
      for (const position of positionsOf(text)) {
        await server.request('textDocument/completion', { ...doc, position });
        await server.request('textDocument/hover', { ...doc, position });
        await server.request('textDocument/definition', { ...doc, position });
        await server.request('textDocument/references', { ...doc, position, context: { includeDeclaration: true } });
      }
      const report = await server.request('textDocument/diagnostic', doc);
      for (const d of report.items) {
        const actions = await server.request('textDocument/codeAction', {
          ...doc,
          range: d.range,
          context: { diagnostics: [d] },
        });
        assert.ok(Array.isArray(actions), 'code actions are offered, and only offered');
      }
      await server.request('textDocument/codeLens', doc);
      // Typing changes the editor's buffer, never the file: the server must not save it.
      server.notify('textDocument/didChange', {
        textDocument: { uri, version: 2 },
        contentChanges: [{ text: text + '\nA new line LMCA5/P29.\n' }],
      });
      await server.request('textDocument/diagnostic', doc);
      server.notify('textDocument/didClose', { textDocument: { uri } });
    }
    await server.request('workspace/diagnostic', { previousResultIds: [] });
    const coverage = await server.request('reflectiveAccounts/coverage', {});
    assert.ok(coverage.portfolios[0].units.length > 0);
    await server.request('reflectiveAccounts/criteria', {});
    for (const format of ['markdown', 'csv', 'html', 'json']) {
      const record = await server.request('reflectiveAccounts/record', {
        uri: uriOf(portfolio),
        unit: 'LMCA5',
        format,
      });
      assert.ok(record.content, `a ${format} record is returned for the client to save, not written`);
    }
    const decided = await server.request('reflectiveAccounts/decide', {
      uri: uriOf(portfolio),
      criterion: 'LMCA5/P1',
      decision: 'accepted',
      by: 'J Smith',
    });
    assert.ok('text' in decided, "a decision is answered as the file's new text for the client to write, not written");
    await server.request('reflectiveAccounts/unitDocument', { uri: 'reflective-accounts-unit:/LMCA5.md' });
    await server.request('reflectiveAccounts/importStandard', {
      text: fs.readFileSync(path.join(ROOT, 'standards/sources/000_66b7cdd502e967f0.txt'), 'utf8'),
    });
    await server.request('reflectiveAccounts/reloadStandards', {});
    server.notify('workspace/didChangeWatchedFiles', {
      changes: accounts.map((f) => ({ uri: uriOf(path.join(portfolio, f)), type: 2 })),
    });
    server.notify('workspace/didChangeConfiguration', { settings: null });
    await server.request('reflectiveAccounts/coverage', {});
  });

  it('through the CLI: coverage, check, fix without --write and import read only; export writes a new file and refuses to overwrite', async () => {
    for (const format of ['text', 'json', 'markdown', 'csv', 'html']) {
      assert.equal((await cli('coverage', portfolio, '--format', format)).code, 0, format);
    }
    assert.equal((await cli('coverage', tmp, '--each')).code, 0);
    assert.ok([0, 1].includes((await cli('check', portfolio, '--fail-on-uncovered')).code));
    const wordEra = path.join(tmp, 'word-era');
    fs.mkdirSync(wordEra);
    fs.writeFileSync(path.join(wordEra, 'ra9.md'), '# SCDLMCA5\n\nI did SCDLMCA5 P21 and (PC 3, K12).\n');
    const written = fs.statSync(path.join(wordEra, 'ra9.md')).mtimeMs;
    const fixed = await cli('fix', wordEra, '--canonical');
    assert.equal(fixed.code, 0);
    assert.match(fixed.stderr, /2 citation\(s\) to rewrite in 1 account\(s\)/);
    assert.equal(
      fs.readFileSync(path.join(wordEra, 'ra9.md'), 'utf8'),
      '# SCDLMCA5\n\nI did SCDLMCA5 P21 and (PC 3, K12).\n',
      'fix without --write writes nothing',
    );
    assert.equal(fs.statSync(path.join(wordEra, 'ra9.md')).mtimeMs, written);
    const out = path.join(tmp, 'records', 'LMCA5.md');
    const exported = await cli(
      'export',
      portfolio,
      '--unit',
      'LMCA5',
      '--format',
      'markdown',
      '--out',
      out,
      '--date',
      '2024-01-01',
    );
    assert.equal(exported.code, 0, exported.stderr);
    assert.match(fs.readFileSync(out, 'utf8'), /LMCA5/);
    for (const target of ['ra1.md', '.standards/centre.json']) {
      const refused = await cli(
        'export',
        portfolio,
        '--unit',
        'LMCA5',
        '--format',
        'markdown',
        '--out',
        path.join(portfolio, target),
      );
      assert.equal(refused.code, 2, `export onto ${target} is refused`);
      assert.match(refused.stderr, /exists; pass --force to overwrite it/);
    }
    const again = await cli('export', portfolio, '--unit', 'LMCA5', '--format', 'csv', '--out', out);
    assert.equal(again.code, 2, 'an earlier export is not overwritten either');
    const imported = await cli(
      'import',
      path.join(ROOT, 'standards/sources/000_66b7cdd502e967f0.txt'),
      '--out',
      path.join(portfolio, 'ra2.md'),
    );
    assert.equal(imported.code, 2, 'import onto an account is refused');
  });

  it('through the CLI: assess lists without writing; with a decision it writes .assessment.yaml and nothing else', async () => {
    assert.equal((await cli('assess', portfolio, '--unit', 'LMCA5')).code, 0);
    assert.equal(
      (await cli('assess', portfolio, '--unit', 'LMCA5', '--accept', 'P29', '--by', 'J')).code,
      2,
      'refused: P29 is not cited',
    );
    assert.deepEqual(snapshot(portfolio), before, 'listing and refusals write nothing');
    const cited = fs.readFileSync(path.join(portfolio, 'ra1.md'), 'utf8').match(/LMCA5\/(P\d+)/)![1];
    assert.equal((await cli('assess', portfolio, '--unit', 'LMCA5', '--accept', cited, '--by', 'J Smith')).code, 0);
    const after = snapshot(portfolio);
    assert.ok(after['.assessment.yaml'], 'the decision is written where asked');
    delete after['.assessment.yaml'];
    assert.deepEqual(after, before, 'no account is touched');
    fs.rmSync(path.join(portfolio, '.assessment.yaml')); // what was asked for; the after-each check covers the rest
  });
});
