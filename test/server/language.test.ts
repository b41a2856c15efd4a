import { strict as assert } from 'node:assert';
import { applyEdits, positionOf, startTestServer, uriOf, type TestClient } from './harness';

const RA1 = [
  '---',
  'title: Planning the activities programme',
  'evidence: RA1',
  'units: [LMCA5]',
  '---',
  '# Planning',
  '',
  'I listened to residents and relatives about what they wanted (LMCA5/P1). I agreed with the seniors',
  'which activities to start with and used supervision to support them (LMCA5/P2, K45).',
  '',
].join('\n');
const RA2 = '---\nevidence: RA2\n---\nWe reviewed the rota together and shared out the visits (LMCA5/P1-P3).\n';

describe('server: language features over LSP', function () {
  let client: TestClient;
  const ra1 = uriOf('/ws/ra1.md');
  const ra2 = uriOf('/ws/ra2.md');
  const draft = uriOf('/ws/draft.md');

  before(async () => {
    client = await startTestServer({ files: { '/ws/ra1.md': RA1, '/ws/ra2.md': RA2 } });
  });
  after(() => client.stop());

  it('announces its capabilities', () => {
    const caps = client.initializeResult.capabilities;
    assert.deepEqual(caps.completionProvider.triggerCharacters, ['/', ',', ' ', '[']);
    assert.deepEqual(caps.diagnosticProvider, {
      identifier: 'reflective-accounts',
      interFileDependencies: true,
      workspaceDiagnostics: true,
    });
    assert.equal(caps.hoverProvider, true);
    assert.equal(caps.definitionProvider, true);
    assert.equal(caps.referencesProvider, true);
    assert.deepEqual(caps.codeActionProvider.codeActionKinds, ['quickfix', 'refactor.rewrite']);
    assert.deepEqual(caps.codeLensProvider, { resolveProvider: false });
    assert.equal(caps.textDocumentSync.change, 2);
  });

  it('registers file watchers for accounts, user standards and the assessment file', async () => {
    const reg = await client.seen('register', (p) => p.registrations[0].method === 'workspace/didChangeWatchedFiles');
    assert.deepEqual(
      reg.params.registrations[0].registerOptions.watchers.map((w: any) => w.globPattern),
      ['**/*.md', '**/.standards/*.json', '**/.assessment.yaml'],
    );
  });

  it('completes all 129 criteria of LMCA5 after the slash, with coverage in the detail', async () => {
    client.open(draft, 'Today I (LMCA5/');
    const list = await client.request('textDocument/completion', client.at(draft, 0, 15));
    assert.equal(list.items.length, 129);
    assert.equal(list.isIncomplete, false);
    const p1 = list.items.find((i: any) => i.label === 'P1');
    assert.match(p1.detail, / — covered in RA1, RA2$/);
    assert.equal(p1.documentation.kind, 'markdown');
    assert.deepEqual(p1.textEdit, {
      range: { start: { line: 0, character: 15 }, end: { line: 0, character: 15 } },
      newText: 'P1',
    });
    assert.match(list.items.find((i: any) => i.label === 'P29').detail, / — not yet covered$/);
  });

  it('ranks criteria by words typed, asks to be asked again, and replaces the words', async () => {
    client.change(draft, 'Today I (LMCA5/superv');
    const list = await client.request('textDocument/completion', client.at(draft, 0, 21));
    assert.equal(list.isIncomplete, true);
    assert.equal(list.items[0].label, 'K45');
    assert.equal(applyEdits('Today I (LMCA5/superv', [list.items[0].textEdit]), 'Today I (LMCA5/K45');
  });

  it('completes unit codes from a prefix', async () => {
    client.change(draft, 'Evidence for scd');
    const list = await client.request('textDocument/completion', client.at(draft, 0, 16));
    assert.deepEqual(
      list.items.map((i: any) => i.label),
      ['LMCA4', 'LMCA5', 'LMCB2', 'LMCB5', 'LMCQ1'],
    );
  });

  it('answers nothing for positions past the end and for unknown documents', async () => {
    const past = await client.request('textDocument/completion', client.at(draft, 40, 99));
    assert.deepEqual(past.items, []);
    const unknown = await client.request('textDocument/hover', client.at(uriOf('/elsewhere/x.md'), 0, 0));
    assert.equal(unknown, null);
  });

  it('hovers on a plain citation, a list item and a range', async () => {
    client.open(ra1, RA1);
    const p1 = positionOf(RA1, 'LMCA5/P1', 6);
    const plain = await client.request('textDocument/hover', client.at(ra1, p1.line, p1.character + 1));
    assert.match(plain.contents.value, /^\*\*LMCA5\/P1\*\* — Manage the Allocation/);
    assert.match(plain.contents.value, /Cited in 2 accounts: RA1, RA2\./);
    assert.deepEqual(plain.range, { start: p1, end: { line: p1.line, character: p1.character + 2 } });
    const k45 = positionOf(RA1, 'K45');
    const listItem = await client.request('textDocument/hover', client.at(ra1, k45.line, k45.character));
    assert.match(listItem.contents.value, /^\*\*LMCA5\/K45\*\*/);
    assert.match(listItem.contents.value, /Cited in 1 account: RA1 \(single source\)\./);
    const p3 = positionOf(RA2, 'P3');
    const range = await client.request('textDocument/hover', client.at(ra2, p3.line, p3.character + 1));
    assert.match(range.contents.value, /^\*\*LMCA5\/P1–P3\*\*/);
    assert.match(range.contents.value, /^- \*\*P3\*\* .+ — RA2$/m);
  });

  it('goes to the criterion in the read-only unit document', async () => {
    const p2 = positionOf(RA1, 'P2');
    const [loc] = await client.request('textDocument/definition', client.at(ra1, p2.line, p2.character));
    assert.equal(loc.uri, 'reflective-accounts-unit:/LMCA5.md');
    const doc = await client.request('reflectiveAccounts/unitDocument', { uri: loc.uri });
    const line: string = doc.text.split('\n')[loc.range.start.line];
    assert.match(line, /^- P2 /);
    assert.equal(line.slice(loc.range.start.character, loc.range.end.character), 'P2');
    assert.match(
      doc.text,
      /^# LMCA5 — Manage the Allocation, Progression and Quality of Work in Care Service Provision$/m,
    );
    assert.match(doc.text, /^## Glossary$/m);
  });

  it('finds every citation of a criterion across the portfolio', async () => {
    const p1 = positionOf(RA1, 'LMCA5/P1', 6);
    const refs = await client.request('textDocument/references', {
      ...client.at(ra1, p1.line, p1.character),
      context: { includeDeclaration: false },
    });
    const range = positionOf(RA2, 'P1-P3');
    assert.deepEqual(
      refs.map((r: any) => [r.uri, r.range.start, r.range.end.character]),
      [
        [ra1, p1, p1.character + 2],
        [ra2, range, range.character + 5],
      ],
    );
  });

  it('shows coverage in a code lens on each units entry', async () => {
    const lenses = await client.request('textDocument/codeLens', { textDocument: { uri: ra1 } });
    assert.deepEqual(lenses, [
      {
        range: { start: { line: 3, character: 8 }, end: { line: 3, character: 13 } },
        command: {
          title: 'LMCA5 · P 3/29 · K 1/100',
          command: 'reflectiveAccounts.showCoverage',
          arguments: ['LMCA5', uriOf('/ws')],
        },
      },
    ]);
  });

  describe('code actions', () => {
    async function actionsAt(
      text: string,
      line: number,
      character: number,
      only?: string[],
    ): Promise<Array<[string, string, string]>> {
      client.change(draft, text);
      const actions = await client.request('textDocument/codeAction', {
        textDocument: { uri: draft },
        range: { start: { line, character }, end: { line, character } },
        context: { diagnostics: [], ...(only ? { only } : {}) },
      });
      return actions.map((a: any) => [a.kind, a.title, applyEdits(text, a.edit.changes[draft])]);
    }

    it('quick fix: unknown unit', async () => {
      assert.deepEqual(await actionsAt('I did LMCA6/P1.', 0, 8), [
        ['quickfix', 'Replace with LMCA5', 'I did LMCA5/P1.'],
      ]);
    });
    it('quick fix: non-canonical, with the diagnostic it fixes', async () => {
      client.change(draft, 'scdlmca5/P1');
      const [action] = await client.request('textDocument/codeAction', {
        textDocument: { uri: draft },
        range: { start: { line: 0, character: 2 }, end: { line: 0, character: 2 } },
        context: { diagnostics: [] },
      });
      assert.equal(action.title, 'Write LMCA5');
      assert.equal(action.isPreferred, true);
      assert.equal(action.diagnostics[0].code, 'non-canonical');
      assert.equal(applyEdits('scdlmca5/P1', action.edit.changes[draft]), 'LMCA5/P1');
    });
    it('refactor: expand a range into a list', async () => {
      assert.deepEqual(await actionsAt('LMCA5/P1-P4', 0, 9), [
        ['refactor.rewrite', 'Expand range into list', 'LMCA5/P1, P2, P3, P4'],
      ]);
    });
    it('refactor: collapse a list into a range', async () => {
      assert.deepEqual(await actionsAt('LMCA5/K1, K2, K3', 0, 7), [
        ['refactor.rewrite', 'Collapse list into range', 'LMCA5/K1-K3'],
      ]);
    });
    it('quick fixes for a bare criterion whose unit is ambiguous: one per unit, with the not-counted warning', async () => {
      const text = '---\nunits: [LMCA5, LMCB2]\n---\nI did P3.';
      client.change(draft, text);
      const actions = await client.request('textDocument/codeAction', {
        textDocument: { uri: draft },
        range: { start: { line: 3, character: 7 }, end: { line: 3, character: 7 } },
        context: { diagnostics: [] },
      });
      assert.deepEqual(
        actions.map((a: any) => [
          a.title,
          a.diagnostics[0].code,
          a.diagnostics[0].severity,
          applyEdits(text, a.edit.changes[draft]),
        ]),
        [
          ['Cite for LMCA5: LMCA5/P3', 'not-counted', 2, '---\nunits: [LMCA5, LMCB2]\n---\nI did LMCA5/P3.'],
          ['Cite for LMCB2: LMCB2/P3', 'not-counted', 2, '---\nunits: [LMCA5, LMCB2]\n---\nI did LMCB2/P3.'],
        ],
      );
    });
    it('honours the kinds asked for', async () => {
      assert.deepEqual(await actionsAt('lmca5/P1-P4', 0, 9, ['quickfix']), []);
      assert.deepEqual(
        (await actionsAt('lmca5/P1-P4', 0, 2, ['quickfix'])).map((a) => a[1]),
        ['Write LMCA5'],
      );
    });
  });
});
