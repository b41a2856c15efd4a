import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { syntheticUnit } from '../unit/helpers';
import { startTestServer, uriOf, type TestClient } from './harness';
import { A, B, codes } from './twoAccounts';

describe('server: workspace', function () {
  let client: TestClient;
  afterEach(() => client?.stop());
  const good = JSON.stringify(syntheticUnit('XYZ1', 3, 2));
  const badUnit = JSON.stringify({ ...syntheticUnit('BAD1', 1, 1), title: 42 });

  it('reports progress while indexing', async () => {
    client = await startTestServer({ files: { '/ws/a.md': A } });
    await client.request('reflectiveAccounts/coverage', {});
    const kinds = client.events.filter((e) => e.kind === 'progress').map((e) => e.params.value.kind);
    assert.equal(kinds[0], 'begin');
    assert.equal(kinds[kinds.length - 1], 'end');
  });

  it('loads user standards, and reports bad ones once (file, JSON path, message) while bundled units keep working', async () => {
    client = await startTestServer({
      files: {
        '/ws/.standards/xyz1.json': good,
        '/ws/.standards/bad.json': badUnit,
        '/ws/a.md': 'XYZ1/P3 and LMCA5/P1',
      },
    });
    const items = await client.diagnostics(uriOf('/ws/a.md'));
    assert.deepEqual(
      codes(items).filter((c) => c !== 'uncovered'),
      [],
    );
    assert.ok(
      client.logs().some((l) => l === '/ws/.standards/bad.json: /title: must be string'),
      client.logs().join('\n'),
    );
    const warnings = client.events.filter((e) => e.kind === 'showMessage');
    assert.equal(warnings.length, 1);
    assert.equal(warnings[0].params.type, 2);
    await client.request('reflectiveAccounts/reloadStandards', null);
    assert.equal(client.events.filter((e) => e.kind === 'showMessage').length, 1, 'shown once');
    const criteria = await client.request('reflectiveAccounts/criteria', {});
    assert.deepEqual(
      criteria.units.map((u: any) => u.code),
      ['LMCA4', 'LMCA5', 'LMCB2', 'LMCB5', 'LMCQ1', 'XYZ1'],
    );
  });

  it('picks up a user standard added to .standards', async () => {
    client = await startTestServer({ files: { '/ws/a.md': 'XYZ1/P3' } });
    client.open(uriOf('/ws/a.md'), 'XYZ1/P3');
    assert.deepEqual(codes(await client.diagnostics(uriOf('/ws/a.md'))), ['unknown-unit']);
    client.fs.write('/ws/.standards/xyz1.json', good);
    const refreshed = client.next('refresh');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: uriOf('/ws/.standards/xyz1.json'), type: 1 }],
    });
    await refreshed;
    assert.deepEqual(codes(await client.diagnostics(uriOf('/ws/a.md'))), ['uncovered']);
  });

  it('does not load workspace standards in an untrusted workspace', async () => {
    client = await startTestServer({
      files: { '/ws/.standards/xyz1.json': good, '/ws/a.md': 'XYZ1/P3' },
      initializationOptions: { trusted: false },
    });
    assert.deepEqual(codes(await client.diagnostics(uriOf('/ws/a.md'))), ['unknown-unit']);
  });

  it('skips huge, binary and non-UTF-8 files, saying so once each', async () => {
    client = await startTestServer({
      settings: { maxFileSize: 200 },
      files: {
        '/ws/big.md': 'LMCA5/P1 '.repeat(50),
        '/ws/bin.md': new Uint8Array([76, 0, 1, 2]),
        '/ws/latin1.md': new Uint8Array([0x63, 0x61, 0x66, 0xe9]),
        '/ws/ok.md': 'LMCA5/P2',
      },
    });
    const coverage = await client.request('reflectiveAccounts/coverage', {});
    assert.deepEqual(
      coverage.portfolios[0].accounts.map((a: any) => a.evidence),
      ['ok'],
    );
    // A new exclude re-indexes the folder: the same files are skipped again, and not reported twice.
    const refreshed = client.next('refresh');
    client.settings = { maxFileSize: 200, exclude: ['drafts/**'] };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await refreshed;
    const skipped = client.logs().filter((l) => l.startsWith('Skipped'));
    assert.deepEqual(skipped, [
      'Skipped /ws/big.md: larger than reflectiveAccounts.maxFileSize (450 > 200 bytes)',
      'Skipped /ws/bin.md: binary file (contains NUL bytes)',
      'Skipped /ws/latin1.md: not valid UTF-8 text',
    ]);
  });

  it('takes newly excluded accounts out of the portfolio when it re-indexes, and keeps the unchanged ones', async () => {
    client = await startTestServer({ files: { '/ws/a.md': A, '/ws/drafts/b.md': B, '/ws/drafts/c.md': 'LMCA5/P29' } });
    const evidence = async () =>
      (await client.request('reflectiveAccounts/coverage', {})).portfolios[0].accounts
        .map((a: any) => a.evidence)
        .sort();
    assert.deepEqual(await evidence(), ['RA1', 'RA2', 'c']);
    const refreshed = client.next('refresh', () => true);
    client.settings = { exclude: ['drafts/c.md'] };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await refreshed;
    assert.deepEqual(await evidence(), ['RA1', 'RA2']);
    const coverage = await client.request('reflectiveAccounts/coverage', {});
    assert.equal(coverage.portfolios[0].units[0].covered.P, 28, 'P29 was cited only in the excluded account');
  });

  it('answers coverage per portfolio with single sources and tutor notes', async () => {
    client = await startTestServer({
      folders: ['/ws', '/other'],
      files: {
        '/ws/a.md': 'LMCA5/P1\n\n<!-- tutor: which meeting? -->\n',
        '/ws/b.md': 'LMCA5/P1, P2',
        '/other/c.md': 'LMCB2/K1',
      },
    });
    const { portfolios } = await client.request('reflectiveAccounts/coverage', {});
    assert.deepEqual(
      portfolios.map((p: any) => [p.folderName, p.units.map((u: any) => u.code)]),
      [
        ['ws', ['LMCA5']],
        ['other', ['LMCB2']],
      ],
    );
    const [p1, p2] = portfolios[0].units[0].criteria;
    assert.deepEqual([p1.accounts, p1.singleSource, p2.accounts, p2.singleSource], [2, false, 1, true]);
    assert.deepEqual(p2.citations, [{ account: 1, line: 0, character: 10, endLine: 0, endCharacter: 12 }]);
    assert.equal(portfolios[0].accounts[1].uri, uriOf('/ws/b.md'), 'citations name accounts by index');
    assert.deepEqual(portfolios[0].accounts[0].tutorNotes, [{ text: 'which meeting?', line: 2, character: 0 }]);
    const one = await client.request('reflectiveAccounts/coverage', { uri: uriOf('/other/c.md') });
    assert.deepEqual(
      one.portfolios.map((p: any) => p.folderName),
      ['other'],
    );
  });

  it('lists every criterion with the other spellings of each unit', async () => {
    client = await startTestServer({ settings: { unitAliases: { SCDLMCE2: 'LMCQ1' } } });
    const { units } = await client.request('reflectiveAccounts/criteria', {});
    assert.deepEqual(
      units.map((u: any) => [u.code, u.criteria.length]),
      [
        ['LMCA4', 145],
        ['LMCA5', 129],
        ['LMCB2', 152],
        ['LMCB5', 134],
        ['LMCQ1', 135],
      ],
    );
    assert.deepEqual(units[1].aliases, ['SCDLMCA5', 'H7LP 04']);
    assert.deepEqual(units[4].aliases, ['SCDLMCQ1', 'SCDLMCE2']);
  });

  it('renders an evidence record and imports a standard for the client to save', async () => {
    client = await startTestServer({ files: { '/ws/sub/ra1.md': '---\nevidence: RA1\n---\nLMCA5/P1' } });
    const md = await client.request('reflectiveAccounts/record', {
      uri: uriOf('/ws'),
      unit: 'scdlmca5',
      format: 'markdown',
    });
    assert.equal(md.fileName, 'LMCA5-evidence-record.md');
    assert.match(md.content, /RA1/);
    assert.match(md.content, /sub\/ra1\.md/);
    assert.deepEqual(
      await client.request('reflectiveAccounts/record', { uri: uriOf('/ws'), unit: 'LMCB2', format: 'csv' }),
      { content: null, fileName: 'LMCB2-evidence-record.csv' },
    );
    const text = fs.readFileSync(path.resolve(__dirname, '../../standards/sources/000_66b7cdd502e967f0.txt'), 'utf8');
    const imported = await client.request('reflectiveAccounts/importStandard', {
      text,
      code: 'LMCA5',
      sourceName: 'a.txt',
    });
    assert.equal(imported.code, 'LMCA5');
    assert.equal(JSON.parse(imported.json).criteria.length, 129);
  });

  it('spells file URIs as VS Code does, and answers open documents by the URI the client used', async () => {
    client = await startTestServer({
      folders: ["/Jane's (1)"],
      files: { "/Jane's (1)/ra1.md": 'LMCA5/P1', "/Jane's (1)/ra2.md": 'LMCA5/P1' },
    });
    const { portfolios } = await client.request('reflectiveAccounts/coverage', {});
    assert.equal(portfolios[0].folder, 'file:///Jane%27s%20%281%29');
    const nodeStyle = uriOf("/Jane's (1)/ra1.md");
    assert.equal(nodeStyle, "file:///Jane's%20(1)/ra1.md");
    client.open(nodeStyle, 'LMCA5/P1');
    const refs = await client.request('textDocument/references', {
      ...client.at(nodeStyle, 0, 7),
      context: { includeDeclaration: false },
    });
    assert.deepEqual(
      refs.map((r: any) => r.uri),
      [nodeStyle, 'file:///Jane%27s%20%281%29/ra2.md'],
    );
  });

  it('survives malformed requests', async () => {
    client = await startTestServer({ files: { '/ws/a.md': 'LMCA5/P1' } });
    client.open(uriOf('/ws/a.md'), 'LMCA5/P1');
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri: uriOf('/ws/a.md') } }), null);
    assert.deepEqual(await client.request('textDocument/codeAction', { textDocument: { uri: uriOf('/ws/a.md') } }), []);
    assert.deepEqual(await client.request('reflectiveAccounts/unitDocument', {}), { text: null });
    assert.equal(
      (await client.request('textDocument/hover', client.at(uriOf('/ws/a.md'), 0, 7))).range.start.character,
      6,
    );
  });
});
