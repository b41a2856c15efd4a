import { strict as assert } from 'node:assert';
import { parseAssessment } from '../../server/src/core/review/assessment';
import { startTestServer, uriOf, type TestClient } from './harness';

const RA1 =
  '---\nevidence: RA1\nunits: [LMCA5]\n---\nI met the family. LMCA5/P1, P2\n<!-- review #k3f9 open\nJ Smith, 2026-12-06 17:50 UTC:\n  What did they ask for?\n-->\n\nDone. LMCA5/K1\n<!-- review #a7c2 resolved\nJ Smith, 2026-12-06 17:52 UTC:\n  Which policy?\n-->\n';
const RA2 = '---\nevidence: RA2\n---\nSupervision. LMCA5/P2\n';

describe('server: review (threads as diagnostics, decisions, the assessment file)', function () {
  let client: TestClient;
  afterEach(() => client?.stop());

  it('reports each open thread as review-note information on its line; resolved threads are not reported', async () => {
    client = await startTestServer({ files: { '/ws/ra1.md': RA1 } });
    client.open(uriOf('/ws/ra1.md'), RA1);
    const notes = (await client.diagnostics(uriOf('/ws/ra1.md'))).filter((d) => d.code === 'review-note');
    assert.equal(notes.length, 1);
    assert.equal(notes[0].severity, 3);
    assert.equal(notes[0].source, 'reflective-accounts');
    assert.deepEqual(notes[0].range.start, { line: 4, character: 0 });
    assert.equal(notes[0].message, 'Review (open): J Smith: What did they ask for?');
  });

  it('answers decisions with the coverage; decide returns the new file text and writes nothing; a watched change is picked up', async () => {
    client = await startTestServer({ files: { '/ws/ra1.md': RA1, '/ws/ra2.md': RA2 } });
    let cov = await client.request('reflectiveAccounts/coverage', { uri: uriOf('/ws') });
    assert.deepEqual(cov.portfolios[0].review, {
      file: uriOf('/ws/.assessment.yaml'),
      exists: false,
      problems: [],
      openThreads: 1,
      decided: {},
    });
    const answer = await client.request('reflectiveAccounts/decide', {
      uri: uriOf('/ws'),
      criterion: 'LMCA5/P2',
      decision: 'accepted',
      by: 'J Smith',
    });
    assert.equal(answer.file, uriOf('/ws/.assessment.yaml'));
    assert.equal(client.fs.files.has('/ws/.assessment.yaml'), false, 'the server writes nothing');
    const decision = parseAssessment(answer.text).decisions.get('LMCA5/P2')!;
    assert.equal(decision.by, 'J Smith');
    assert.match(decision.evidence!, /^[0-9a-f]{8}$/);
    const refused = await client.request('reflectiveAccounts/decide', {
      uri: uriOf('/ws'),
      criterion: 'LMCA5/P9',
      decision: 'accepted',
      by: 'J',
    });
    assert.equal(refused.text, null);
    assert.match(refused.error, /not cited/);

    // The client writes the file; the watcher tells the server; the panel is told.
    client.fs.write('/ws/.assessment.yaml', answer.text);
    let told = client.next('coverage');
    void client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: uriOf('/ws/.assessment.yaml'), type: 1 }],
    });
    await told;
    cov = await client.request('reflectiveAccounts/coverage', { uri: uriOf('/ws') });
    assert.equal(cov.portfolios[0].review.exists, true);
    assert.deepEqual(cov.portfolios[0].review.decided['LMCA5/P2'].state, 'accepted');
    assert.equal(cov.portfolios[0].review.decided['LMCA5/P2'].decision.by, 'J Smith');

    // Opening a citing account changes nothing: the digest of the editor's text is the file's.
    client.open(uriOf('/ws/ra2.md'), RA2);
    await client.diagnostics(uriOf('/ws/ra2.md'));
    cov = await client.request('reflectiveAccounts/coverage', { uri: uriOf('/ws') });
    assert.equal(cov.portfolios[0].review.decided['LMCA5/P2'].state, 'accepted');

    // An edit to a citing account: changed since accepted, and the panel is told.
    told = client.next('coverage');
    client.change(uriOf('/ws/ra2.md'), RA2 + 'A new sentence.\n');
    await told;
    cov = await client.request('reflectiveAccounts/coverage', { uri: uriOf('/ws') });
    assert.equal(cov.portfolios[0].review.decided['LMCA5/P2'].state, 'changed');
  });

  it('a malformed assessment file: a message naming the line, diagnostics on the file, coverage still answered', async () => {
    const broken = 'version: 1\ndecisions:\n  LMCA5/P1:\n    decision: maybe\n    by: J\n    at: 2026-12-06\n';
    client = await startTestServer({ files: { '/ws/ra1.md': RA1, '/ws/.assessment.yaml': broken } });
    const shown = client.seen('showMessage', (p) => /\.assessment\.yaml line 4/.test(p.message));
    const published = client.seen('publish', (p) => p.uri === uriOf('/ws/.assessment.yaml'));
    const cov = await client.request('reflectiveAccounts/coverage', { uri: uriOf('/ws') });
    assert.ok(cov.portfolios[0].units.find((u: { code: string }) => u.code === 'LMCA5'));
    assert.deepEqual(
      cov.portfolios[0].review.problems.map((p: { line: number }) => p.line),
      [4],
    );
    assert.match((await shown).params.message, /decision: must be one of accepted, not-yet, referred/);
    assert.equal((await published).params.diagnostics[0].range.start.line, 3);
    const other = await client.request('reflectiveAccounts/decide', {
      uri: uriOf('/ws'),
      criterion: 'LMCA5/P2',
      decision: 'accepted',
      by: 'J',
    });
    assert.ok(
      other.text,
      'a file that parses as YAML can take a decision; its bad entry is kept as it was, for the assessor to fix',
    );
    assert.match(other.text, /decision: maybe/);
    client.fs.write('/ws/.assessment.yaml', 'decisions:\n  LMCA5/P1: [\n');
    void client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: uriOf('/ws/.assessment.yaml'), type: 2 }],
    });
    const notYaml = await client.next('showMessage', (p) => /Not valid YAML/.test(p.message));
    assert.match(notYaml.params.message, /\.assessment\.yaml line \d+: Not valid YAML/);
    const refused = await client.request('reflectiveAccounts/decide', {
      uri: uriOf('/ws'),
      criterion: 'LMCA5/P2',
      decision: 'accepted',
      by: 'J',
    });
    assert.equal(refused.text, null, 'a file that is not YAML is never rewritten');
    assert.match(refused.error, /is not valid YAML; fix it/);
  });

  it('registers a watcher for .assessment.yaml', async () => {
    client = await startTestServer({ files: {} });
    const reg = await client.seen('register');
    assert.ok(JSON.stringify(reg.params).includes('**/.assessment.yaml'));
  });
});
