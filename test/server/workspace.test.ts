import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { syntheticUnit } from '../unit/helpers';
import { PUSH_ONLY, startTestServer, uriOf, type TestClient } from './harness';

const codes = (items: any[]) => items.map((d) => d.code);
const uncovered = (items: any[]) => items.filter((d) => d.code === 'uncovered').map((d) => d.message);

/** Account A cites all of LMCA5 but P29; B only declares the unit. */
const A = '---\nevidence: RA1\nunits: [LMCA5]\n---\nWe did it all (LMCA5/P1-P28, K1-K100), over many months of work.\n';
const B = '---\nevidence: RA2\nunits: [LMCA5]\n---\nA reflection on supervision.\n';

describe('server: diagnostics', function () {
  let client: TestClient;
  const all = uriOf('/ws/all.md');
  const bad = uriOf('/ws/bad.md');
  afterEach(() => client?.stop());

  it('reports each diagnostic code with source, severity and fix data', async () => {
    client = await startTestServer({ files: {} });
    client.open(
      all,
      '---\nunits: [LMCA5]\n---\nUnknown LMCA6/P1. Missing LMCA5/P30. Reversed LMCA5/P4-P2. Alias SCDLMCA5/P1.\n\nI did everything (LMCB2/P1-P8).\n',
    );
    client.open(bad, '---\ntitle: "open\n---\nBody LMCA5/P1\n');
    const items = await client.diagnostics(all);
    assert.deepEqual(codes(items), [
      'uncovered',
      'unknown-unit',
      'unknown-criterion',
      'invalid-range',
      'non-canonical',
      'over-claimed',
      'uncovered',
    ]);
    assert.ok(items.every((d) => d.source === 'reflective-accounts'));
    const byCode = (code: string) => items.find((d) => d.code === code);
    assert.equal(byCode('unknown-unit').severity, 1);
    assert.equal(byCode('unknown-unit').message, 'Unknown unit LMCA6. Did you mean LMCA5?');
    assert.deepEqual(byCode('unknown-unit').data, { replacement: 'LMCA5' });
    assert.deepEqual(byCode('unknown-unit').range, {
      start: { line: 3, character: 8 },
      end: { line: 3, character: 13 },
    });
    assert.equal(byCode('unknown-criterion').message, 'LMCA5 has no performance criterion P30 (P1–P29)');
    assert.equal(byCode('non-canonical').severity, 4);
    assert.equal(byCode('uncovered').severity, 3);
    assert.deepEqual(byCode('uncovered').data, { unit: 'LMCA5' });
    assert.equal(byCode('over-claimed').severity, 4);
    const badItems = await client.diagnostics(bad);
    assert.deepEqual(
      codes(badItems),
      ['front-matter'],
      'all.md lists LMCA5, so its uncovered message is there, not here',
    );
    assert.equal(badItems[0].severity, 1);
  });

  it('clears the uncovered message in B when A cites the last missing criterion (refresh, then pull)', async () => {
    client = await startTestServer({ files: { '/ws/a.md': A, '/ws/b.md': B } });
    client.open(uriOf('/ws/b.md'), B);
    assert.deepEqual(uncovered(await client.diagnostics(uriOf('/ws/b.md'))), [
      'LMCA5: 1 of 29 performance criteria not yet covered: P29',
    ]);
    client.open(uriOf('/ws/a.md'), A);
    const refreshed = client.next('refresh');
    client.change(uriOf('/ws/a.md'), A.replace('K1-K100)', 'K1-K100, P29)'));
    await refreshed;
    assert.deepEqual(uncovered(await client.diagnostics(uriOf('/ws/b.md'))), []);
  });

  it('does not ask for a refresh when prose changes and coverage does not', async () => {
    client = await startTestServer({ files: { '/ws/a.md': A, '/ws/b.md': B } });
    client.open(uriOf('/ws/a.md'), A);
    await client.diagnostics(uriOf('/ws/a.md'));
    const refreshesBefore = client.events.filter((e) => e.kind === 'refresh').length;
    const coverage = client.next('coverage');
    client.change(uriOf('/ws/a.md'), A.replace('We did', 'More words about the work.\nWe did'));
    await coverage; // the panel hears of it (the citation is on another line) ...
    await client.diagnostics(uriOf('/ws/a.md'));
    assert.equal(client.events.filter((e) => e.kind === 'refresh').length, refreshesBefore);
  });

  it('asks for no refresh when opened documents match the disk or the same settings come again', async () => {
    client = await startTestServer({ files: { '/ws/a.md': A, '/ws/b.md': B } });
    await client.seen('refresh'); // the one refresh at the end of indexing
    const refreshes = () => client.events.filter((e) => e.kind === 'refresh').length;
    const before = refreshes();
    client.open(uriOf('/ws/a.md'), A);
    client.open(uriOf('/ws/b.md'), B);
    await client.diagnostics(uriOf('/ws/a.md'));
    await client.diagnostics(uriOf('/ws/b.md'));
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    // A real change afterwards: its refresh marks the point by which any earlier one would have come.
    const refreshed = client.next('refresh');
    client.settings = { minimumEvidence: 2 };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await refreshed;
    assert.equal(refreshes(), before + 1);
  });

  it('reacts to a configuration change without a restart', async () => {
    client = await startTestServer({ files: { '/ws/a.md': A, '/ws/b.md': B } });
    client.open(uriOf('/ws/b.md'), B);
    assert.match(uncovered(await client.diagnostics(uriOf('/ws/b.md')))[0], /^LMCA5: 1 of 29 /);
    client.settings = { minimumEvidence: 2, overClaimed: { severity: 'error' } };
    let refreshed = client.next('refresh');
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await refreshed;
    assert.deepEqual(uncovered(await client.diagnostics(uriOf('/ws/b.md'))), [
      'LMCA5: 29 of 29 performance criteria and 100 of 100 knowledge points not yet covered: P1-P29, K1-K100',
    ]);
    client.settings = { diagnostics: { uncovered: 'off' } };
    refreshed = client.next('refresh');
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await refreshed;
    assert.deepEqual(uncovered(await client.diagnostics(uriOf('/ws/b.md'))), []);
  });

  it('tells the panel when a citation moves to another line, and not when prose is typed on its line or away from it', async () => {
    client = await startTestServer({ files: { '/ws/a.md': A, '/ws/b.md': B } });
    const a = uriOf('/ws/a.md');
    client.open(a, A);
    await client.diagnostics(a);
    await client.seen('coverage');
    // Notifications are throttled to one per 250 ms: none within 800 ms means none was due.
    const quiet = client
      .next('coverage', () => true, 800)
      .then(
        () => 'sent',
        () => 'none',
      );
    client.change(
      a,
      `${A.replace('We did it all', 'Over the year we did it all')}\nMore reflection on the week, citing nothing.\n`,
    );
    assert.equal(await quiet, 'none');
    const moved = client.next('coverage');
    client.change(a, A.replace('We did it all', 'Over the year\nwe did it all'));
    await moved;
  });

  it('reads no file from disk that the client opens while its messages are waiting, and never stalls indexing', async () => {
    const b = uriOf('/ws/b.md');
    let asked = 0;
    let opened = false;
    const openB = () => {
      if (opened || !client) return;
      opened = true;
      client.open(b, B);
    };
    // Indexing asks before reading a.md: the client is "still sending" (b.md's open) for the next 50 turns.
    client = await startTestServer({
      files: { '/ws/a.md': A, '/ws/b.md': B },
      messagesWaiting: () => {
        if (++asked === 1) setImmediate(openB);
        return asked <= 50;
      },
    });
    assert.deepEqual(uncovered(await client.diagnostics(uriOf('/ws/a.md'))), [
      'LMCA5: 1 of 29 performance criteria not yet covered: P29',
    ]);
    assert.ok(opened, 'indexing asked whether messages were waiting');
    assert.ok(client.fs.reads.includes('/ws/a.md'), 'a.md, closed, was read from disk');
    assert.ok(!client.fs.reads.includes('/ws/b.md'), 'b.md came from the editor, not the disk');

    client.stop();
    client = await startTestServer({ files: { '/ws/a.md': A, '/ws/b.md': B }, messagesWaiting: () => true });
    assert.deepEqual(
      uncovered(await client.diagnostics(uriOf('/ws/b.md'))),
      ['LMCA5: 1 of 29 performance criteria not yet covered: P29'],
      'a client that is always sending still gets its portfolio indexed',
    );
  });

  it('notices a closed account changed on disk without a watcher event, even to a text of the same length', async () => {
    client = await startTestServer({ files: { '/ws/a.md': A, '/ws/b.md': 'Done (LMCA5/P29).\n' } });
    const b = uriOf('/ws/b.md');
    assert.deepEqual(uncovered(await client.diagnostics(uriOf('/ws/a.md'))), []);
    client.fs.write('/ws/b.md', 'Done (LMCA5/P28).\n'); // same length, and nobody tells the server
    await client.diagnostics(b); // asking about b.md reads it again
    assert.deepEqual(uncovered(await client.diagnostics(uriOf('/ws/a.md'))), [
      'LMCA5: 1 of 29 performance criteria not yet covered: P29',
    ]);
  });

  it('follows files created and deleted on disk (didChangeWatchedFiles)', async () => {
    client = await startTestServer({ files: { '/ws/a.md': A, '/ws/b.md': B } });
    const before = await client.request('reflectiveAccounts/coverage', {});
    assert.equal(before.portfolios[0].units[0].covered.P, 28);
    // Answered once indexing was done: the end of indexing does not tell the client to fetch the same again.
    assert.equal(
      await client
        .next('coverage', () => true, 800)
        .then(
          () => 'sent',
          () => 'none',
        ),
      'none',
    );
    client.fs.write('/ws/sub/c.md', 'Covering the gap: LMCA5/P29.');
    let changed = client.next('coverage');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: uriOf('/ws/sub/c.md'), type: 1 }],
    });
    await changed;
    const after = await client.request('reflectiveAccounts/coverage', {});
    assert.equal(after.portfolios[0].units[0].covered.P, 29);
    client.fs.delete('/ws/sub/c.md');
    changed = client.next('coverage');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: uriOf('/ws/sub/c.md'), type: 3 }],
    });
    await changed;
    assert.equal((await client.request('reflectiveAccounts/coverage', {})).portfolios[0].units[0].covered.P, 28);
  });

  it('reports closed accounts through the workspace pull, unchanged when nothing changed, cleared when deleted', async () => {
    client = await startTestServer({ files: { '/ws/a.md': A, '/ws/b.md': B, '/ws/c.md': 'Oops LMCA5/P30.\n' } });
    assert.equal(client.initializeResult.capabilities.diagnosticProvider.workspaceDiagnostics, true);
    client.open(uriOf('/ws/a.md'), A);
    const first = await client.request('workspace/diagnostic', { previousResultIds: [] });
    const byUri = new Map<string, any>(first.items.map((r: any) => [r.uri, r]));
    assert.deepEqual(
      [...byUri.keys()].sort(),
      [uriOf('/ws/b.md'), uriOf('/ws/c.md')],
      'the open a.md is left to its document pull',
    );
    assert.deepEqual(uncovered(byUri.get(uriOf('/ws/b.md')).items), [
      'LMCA5: 1 of 29 performance criteria not yet covered: P29',
    ]);
    assert.deepEqual(codes(byUri.get(uriOf('/ws/c.md')).items), ['unknown-criterion']);
    const again = await client.request('workspace/diagnostic', {
      previousResultIds: first.items.map((r: any) => ({ uri: r.uri, value: r.resultId })),
    });
    assert.deepEqual(
      again.items.map((r: any) => r.kind),
      ['unchanged', 'unchanged'],
    );
    client.fs.delete('/ws/c.md');
    const changed = client.next('coverage');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: uriOf('/ws/c.md'), type: 3 }],
    });
    await changed;
    const after = await client.request('workspace/diagnostic', { previousResultIds: [] });
    const cleared = after.items.find((r: any) => r.uri === uriOf('/ws/c.md'));
    assert.deepEqual({ kind: cleared.kind, items: cleared.items }, { kind: 'full', items: [] });
  });

  it('lets the last of a burst of changes win', async () => {
    client = await startTestServer({ files: {} });
    const doc = uriOf('/ws/burst.md');
    client.open(doc, '');
    for (let i = 1; i <= 200; i++) client.change(doc, `Cited LMCA5/P${i}`);
    const items = await client.diagnostics(doc);
    assert.deepEqual(codes(items), ['uncovered', 'unknown-criterion']);
    assert.equal(items[1].message, 'LMCA5 has no performance criterion P200 (P1–P29)');
  });

  it('pushes diagnostics to clients without pull support', async () => {
    client = await startTestServer({ files: { '/ws/a.md': A, '/ws/b.md': B }, capabilities: PUSH_ONLY });
    assert.equal(client.initializeResult.capabilities.diagnosticProvider, undefined);
    const b = uriOf('/ws/b.md');
    let published = client.next('publish', (p) => p.uri === b && p.diagnostics.length > 0);
    client.open(b, B);
    assert.deepEqual(uncovered((await published).params.diagnostics), [
      'LMCA5: 1 of 29 performance criteria not yet covered: P29',
    ]);
    published = client.next('publish', (p) => p.uri === b && uncovered(p.diagnostics).length === 0);
    client.open(uriOf('/ws/a.md'), A);
    client.change(uriOf('/ws/a.md'), A.replace('K1-K100)', 'K1-K100, P29)'));
    await published;
    published = client.next('publish', (p) => p.uri === b);
    client.close(b);
    assert.deepEqual((await published).params.diagnostics, []);
  });

  it('analyses a file on its own when there is no folder', async () => {
    client = await startTestServer({ folders: [] });
    const doc = 'untitled:Untitled-1';
    client.open(doc, 'Only this: LMCA5/P1');
    assert.deepEqual(uncovered(await client.diagnostics(doc)), [
      'LMCA5: 28 of 29 performance criteria and 100 of 100 knowledge points not yet covered: P2-P29, K1-K100',
    ]);
  });
});

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
    assert.deepEqual(p2.citations, [
      { uri: uriOf('/ws/b.md'), evidence: 'b', line: 0, character: 10, endLine: 0, endCharacter: 12 },
    ]);
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
