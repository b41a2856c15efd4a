import { strict as assert } from 'node:assert';
import { PUSH_ONLY, startTestServer, uriOf, type TestClient } from './harness';
import { A, B, codes, uncovered } from './twoAccounts';

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
