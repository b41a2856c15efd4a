/**
 * Protocol robustness against the real server process: unknown documents, positions past the end, cancelled
 * requests, a burst of 1,000 changes, null or broken settings, garbage params and malformed frames. The server
 * logs and answers; it never exits (every test ends by checking the process is alive).
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import { ProcessServer, serverBuilt, uriOf } from './processServer';

const ACCOUNT = '---\nevidence: RA1\nunits: [LMCA5]\n---\nI agreed the plan (LMCA5/P1, K45) with the team.\n';
const LANGUAGE_REQUESTS = [
  'textDocument/hover',
  'textDocument/completion',
  'textDocument/definition',
  'textDocument/references',
  'textDocument/codeAction',
  'textDocument/codeLens',
  'textDocument/diagnostic',
];

function paramsFor(method: string, uri: string, position: unknown): unknown {
  const textDocument = { uri };
  if (method === 'textDocument/codeLens' || method === 'textDocument/diagnostic') return { textDocument };
  if (method === 'textDocument/codeAction')
    return { textDocument, range: { start: position, end: position }, context: { diagnostics: [] } };
  if (method === 'textDocument/references') return { textDocument, position, context: { includeDeclaration: true } };
  return { textDocument, position };
}

describe('protocol: the server process survives what any client sends', function () {
  this.timeout(60_000);
  let folder: string;
  let server: ProcessServer | undefined;
  const uri = () => uriOf(path.join(folder, 'ra1.md'));

  before(function () {
    assert.ok(serverBuilt(), 'dist/server.js is built (npm test builds it first)');
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ra-protocol-'));
    fs.writeFileSync(path.join(folder, 'ra1.md'), ACCOUNT);
    fs.writeFileSync(path.join(folder, 'ra2.md'), 'Second account (LMCA5/P2).\n');
  });
  after(() => folder && fs.rmSync(folder, { recursive: true, force: true }));
  afterEach(async function () {
    if (!server) return;
    const s = server;
    server = undefined;
    assert.ok(s.alive(), `the server process is alive at the end (stderr: ${s.stderr.slice(-500)})`);
    assert.deepEqual(s.uncaught(), [], 'no handler threw out to the process');
    assert.equal(await s.stop(), 0, 'and exits cleanly when asked');
  });

  it('answers requests about documents it does not know', async () => {
    server = await ProcessServer.start({ folder, settings: {} });
    for (const u of ['file:///nowhere/x.md', 'untitled:Untitled-1', 'not a uri', '', 'file:///%E0%A4%A.md']) {
      for (const method of LANGUAGE_REQUESTS) {
        const { error } = await server.answer(method, paramsFor(method, u, { line: 0, character: 0 }));
        assert.ok(!error || error.code !== -32603 || /./.test(error.message), `${method} ${u}`);
      }
    }
  });

  it('answers positions past the end, negative and nonsense positions', async () => {
    server = await ProcessServer.start({ folder, settings: {} });
    server.notify('textDocument/didOpen', {
      textDocument: { uri: uri(), languageId: 'markdown', version: 1, text: ACCOUNT },
    });
    const positions = [
      { line: 4, character: 1_000_000 },
      { line: 1_000_000, character: 0 },
      { line: -1, character: -1 },
      { line: 2 ** 31, character: 2 ** 31 },
      { line: 0.5, character: 1.5 },
      { line: null, character: null },
      {},
      null,
      'x',
    ];
    for (const position of positions) {
      for (const method of LANGUAGE_REQUESTS) await server.answer(method, paramsFor(method, uri(), position));
    }
    const hover = await server.request('textDocument/hover', {
      textDocument: { uri: uri() },
      position: { line: 4, character: 22 },
    });
    assert.match(hover.contents.value, /LMCA5/, 'and still answers a real hover');
  });

  it('survives cancelled requests, and answers the next one', async () => {
    server = await ProcessServer.start({ folder, settings: {} });
    server.notify('textDocument/didOpen', {
      textDocument: { uri: uri(), languageId: 'markdown', version: 1, text: ACCOUNT },
    });
    const outcomes = await Promise.all(
      Array.from({ length: 200 }, (_, i) => {
        const source = new CancellationTokenSource();
        const p = server!.conn
          .sendRequest(
            'textDocument/completion',
            { textDocument: { uri: uri() }, position: { line: 4, character: 25 } },
            source.token,
          )
          .then(
            () => 'answered',
            (e: { code?: number }) => (e.code === -32800 ? 'cancelled' : `error ${e.code}`),
          );
        if (i % 2 === 0) source.cancel();
        return p;
      }),
    );
    assert.ok(
      outcomes.every((o) => o === 'answered' || o === 'cancelled'),
      outcomes.filter((o) => o.startsWith('error')).join(),
    );
    const list = await server.request('textDocument/completion', {
      textDocument: { uri: uri() },
      position: { line: 4, character: 25 },
    });
    assert.ok(list.items.length > 0);
  });

  for (const push of [false, true]) {
    it(`takes 1,000 changes in a burst: the last version wins (${push ? 'pushed' : 'pulled'} diagnostics)`, async () => {
      server = await ProcessServer.start({ folder, settings: {}, push });
      const u = uriOf(path.join(folder, 'burst.md'));
      server.notify('textDocument/didOpen', { textDocument: { uri: u, languageId: 'markdown', version: 1, text: '' } });
      let text = '';
      for (let v = 2; v <= 1001; v++) {
        // Each version appends a citation of a unit that does not exist yet; only the last text matters.
        const line = v === 1001 ? 'The end LMCA6/P1 and LMCA5/P2.\n' : `Line ${v} LMCZ${v}/P1\n`;
        const at = { line: v - 2, character: 0 };
        text += line;
        server.notify('textDocument/didChange', {
          textDocument: { uri: u, version: v },
          contentChanges: [{ range: { start: at, end: at }, text: line }],
        });
      }
      const last = { line: 999, character: 8 };
      const expected = [{ code: 'unknown-unit', range: { start: last, end: { line: 999, character: 13 } } }];
      const unknownUnits = (ds: any[]) =>
        ds.filter((d) => d.code === 'unknown-unit').map((d) => ({ code: d.code, range: d.range }));
      const matchesFinal = (ds: any[]) =>
        ds.filter((d) => d.code === 'unknown-unit').length === 1000 &&
        JSON.stringify(unknownUnits(ds).slice(-1)) === JSON.stringify(expected);
      if (push) {
        await server.until(
          () => server!.published.some((p) => p.uri === u && matchesFinal(p.diagnostics)),
          60_000,
          'diagnostics of the final text',
        );
        const publishes = server.published.filter((p) => p.uri === u).length;
        assert.ok(publishes < 100, `${publishes} publishes for 1,000 changes: changes are not queued one by one`);
      } else {
        const report = await server.request('textDocument/diagnostic', { textDocument: { uri: u } });
        assert.ok(matchesFinal(report.items), JSON.stringify(unknownUnits(report.items).slice(-2)));
      }
      const hover = await server.request('textDocument/hover', {
        textDocument: { uri: u },
        position: { line: 999, character: 27 },
      });
      assert.match(hover.contents.value, /P2/, 'hover sees the final text');
      assert.equal(text.split('\n').length, 1001);
    });
  }

  const SETTINGS: Array<[string, unknown]> = [
    ['null', null],
    ['{}', {}],
    ['[]', []],
    ['a string', 'garbage'],
    ['42', 42],
    [
      'wrong types',
      { maxFileSize: 'big', include: 5, exclude: [null, 3], unitAliases: 7, minimumEvidence: -3, standardsPaths: {} },
    ],
    [
      'a failing request',
      () => {
        throw new Error('configuration is broken');
      },
    ],
  ];
  for (const [name, settings] of SETTINGS) {
    it(`works when workspace/configuration answers ${name}`, async () => {
      server = await ProcessServer.start({ folder, settings });
      server.notify('textDocument/didOpen', {
        textDocument: { uri: uri(), languageId: 'markdown', version: 1, text: ACCOUNT + 'LMCA6/P1\n' },
      });
      const list = await server.request('textDocument/completion', {
        textDocument: { uri: uri() },
        position: { line: 4, character: 25 },
      });
      assert.ok(list.items.length > 0, 'completion answers');
      const report = await server.request('textDocument/diagnostic', { textDocument: { uri: uri() } });
      assert.ok(
        report.items.some((d: any) => d.code === 'unknown-unit'),
        'diagnostics answer',
      );
      server.notify('workspace/didChangeConfiguration', { settings: null });
      server.notify('workspace/didChangeConfiguration', { settings: { reflectiveAccounts: null } });
      server.notify('workspace/didChangeConfiguration', null);
      const coverage = await server.request('reflectiveAccounts/coverage', {});
      assert.ok(coverage.portfolios.length >= 1, 'coverage answers after configuration changes');
    });
  }

  it('answers garbage params, unknown methods and bad notifications', async () => {
    server = await ProcessServer.start({ folder, settings: {} });
    const garbage = [
      null,
      undefined,
      {},
      [],
      42,
      'x',
      { textDocument: null },
      { textDocument: { uri: 5 }, position: 'top' },
      { textDocument: { uri: uri() }, position: { line: '0', character: {} } },
    ];
    const methods = [
      ...LANGUAGE_REQUESTS,
      'reflectiveAccounts/coverage',
      'reflectiveAccounts/criteria',
      'reflectiveAccounts/record',
      'reflectiveAccounts/unitDocument',
      'reflectiveAccounts/importStandard',
      'reflectiveAccounts/reloadStandards',
      'workspace/diagnostic',
    ];
    for (const method of methods) for (const params of garbage) await server.answer(method, params);
    const unknown = await server.answer('no/suchMethod', {});
    assert.equal(unknown.error?.code, -32601);
    for (const method of [
      'textDocument/didOpen',
      'textDocument/didChange',
      'textDocument/didClose',
      'textDocument/didSave',
      'workspace/didChangeWatchedFiles',
      'workspace/didChangeWorkspaceFolders',
      'workspace/didChangeConfiguration',
      '$/cancelRequest',
      'no/such',
    ]) {
      for (const params of garbage) server.notify(method, params);
    }
    server.notify('textDocument/didChange', {
      textDocument: { uri: 'file:///never/opened.md', version: 2 },
      contentChanges: [{ text: 'x' }],
    });
    server.notify('textDocument/didClose', { textDocument: { uri: 'file:///never/opened.md' } });
    server.notify('workspace/didChangeWatchedFiles', {
      changes: [
        { uri: 'file:///nowhere/x.md', type: 3 },
        { uri: '::', type: 1 },
      ],
    });
    const coverage = await server.request('reflectiveAccounts/coverage', {});
    assert.deepEqual(
      coverage.portfolios[0].accounts.map((a: any) => a.evidence),
      ['RA1', 'ra2'],
    );
  });

  it('survives malformed messages on its input: bad JSON, wrong shapes, odd ids, wrong types', async () => {
    server = await ProcessServer.start({ folder, settings: {} });
    const frame = (body: string) => `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
    const bodies = [
      '{not json}',
      '[]',
      'null',
      '"str"',
      '\u00e9\ud800',
      '{"jsonrpc":"2.0","id":null}',
      '{"jsonrpc":"2.0","method":"textDocument/hover","id":{}}',
      '{"jsonrpc":"2.0","method":"textDocument/hover","id":"injected-1","params":"x"}',
      '{"jsonrpc":"1.0","method":"initialize","id":"injected-7"}',
      '{"jsonrpc":"2.0","result":{},"id":999}',
      `{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"${uri()}","languageId":"markdown","version":1,"text":5}}}`,
      `{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"${uri()}","version":2},"contentChanges":[{"text":null}]}}`,
    ];
    // Ids no request of ours uses: an answer to an injected request must not be taken for one of ours.
    for (const body of bodies) server.child.stdin!.write(frame(body));
    server.child.stdin!.write('Garbage-Header\r\n\r\n');
    server.notify('textDocument/didOpen', {
      textDocument: { uri: uri(), languageId: 'markdown', version: 3, text: ACCOUNT },
    });
    const list = await server.request('textDocument/completion', {
      textDocument: { uri: uri() },
      position: { line: 4, character: 25 },
    });
    assert.ok(list.items.length > 0, 'the next well-formed request is answered');
  });
});
