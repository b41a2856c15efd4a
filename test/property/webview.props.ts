/**
 * Properties of the host's side of the coverage panel's messages (client/src/webviewMessages.ts): whatever a
 * compromised or buggy webview posts, the host either drops it or gets a well-formed message back, and a
 * reveal can only name an account of the coverage the panel was shown.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { accountUris, parseFromWebview } from '../../client/src/webviewMessages';
import type { CoverageResult } from '../../server/src/protocol';
import type { Prop } from './props';

const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);
const HOSTILE_URIS = [
  'command:workbench.action.terminal.new',
  'javascript:alert(1)',
  'file:///etc/passwd',
  'https://evil.example/x',
  'vscode://settings',
  'FILE:///p/ra1.md',
  'file:///p/ra1.md#L1',
  'file:///p/../p/ra1.md',
  'file:///p/ra1.md?x',
  'file:///p/RA1.md',
  'file:///p/ra1.md ',
  'file://\u0000/p/ra1.md',
  'x'.repeat(5000),
];
const SHOWN = ['file:///p/ra1.md', 'file:///p/ra2.md', 'file:///q/sub/ra%203.md'];

/** Line and column numbers at and around the limits a reveal must respect. */
const edgeNumber = fc.oneof(
  fc.integer({ min: -3, max: 3 }),
  fc.integer({ min: 9_999_997, max: 10_000_002 }),
  fc.integer({ min: 0, max: 20_000 }),
  fc.constantFrom(-0, 0.5, Number.NaN, Infinity, -Infinity, Number.MAX_SAFE_INTEGER, 2 ** 53),
);

/** Messages a webview could post: well-formed, almost well-formed, and anything at all. */
const message = fc.oneof(
  fc.anything({
    withNullPrototype: true,
    withObjectString: true,
    withBigInt: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withTypedArray: true,
    withSparseArray: true,
  }),
  fc.record(
    {
      type: pick(['ready', 'reveal', 'state', 'command', 'REVEAL', '__proto__', 'constructor']),
      uri: fc.oneof(pick([...HOSTILE_URIS, ...SHOWN]), fc.anything()),
      line: fc.oneof({ weight: 4, arbitrary: edgeNumber }, fc.integer(), fc.double(), fc.anything()),
      character: fc.oneof({ weight: 4, arbitrary: edgeNumber }, fc.anything()),
      state: fc.oneof(
        fc.anything(),
        fc.record(
          {
            folder: fc.anything(),
            unit: fc.anything(),
            filter: fc.anything(),
            search: fc.oneof(fc.string({ maxLength: 500 }), fc.anything()),
            scrollY: fc.oneof(fc.double(), fc.anything()),
            selected: fc.anything(),
          },
          { requiredKeys: [] },
        ),
      ),
    },
    { requiredKeys: ['type'] },
  ),
  fc.constant(JSON.parse('{"type":"reveal","__proto__":{"uri":"file:///p/ra1.md","line":1,"character":1}}')),
);

function checkWellFormed(m: ReturnType<typeof parseFromWebview>): void {
  if (m === undefined) return;
  if (m.type === 'ready') return assert.deepEqual(Object.keys(m), ['type']);
  if (m.type === 'reveal') {
    assert.deepEqual(Object.keys(m).sort(), ['character', 'line', 'type', 'uri']);
    assert.ok(typeof m.uri === 'string' && m.uri.length <= 4096);
    for (const n of [m.line, m.character]) assert.ok(Number.isInteger(n) && n >= 0 && n < 10_000_000);
    return;
  }
  assert.equal(m.type, 'state');
  assert.deepEqual(Object.keys(m).sort(), ['state', 'type']);
  const s = m.state as Record<string, unknown>;
  for (const [k, v] of Object.entries(s)) {
    assert.ok(['folder', 'unit', 'filter', 'search', 'scrollY', 'selected'].includes(k), `unexpected state key ${k}`);
    if (k === 'filter') assert.ok(v === 'all' || v === 'uncovered');
    else if (k === 'scrollY') assert.ok(typeof v === 'number' && Number.isFinite(v) && v >= 0);
    else assert.equal(typeof v, 'string');
  }
  if (s.search !== undefined) assert.ok((s.search as string).length <= 200);
}

/** Coverage listing `accounts` and the `cited` ones too (a citing account is always listed; citations name it by index). */
const coverageOf = (listed: string[], cited: string[]): CoverageResult => {
  const accounts = [...new Set([...listed, ...cited])];
  return coverageListing(accounts, cited);
};
const coverageListing = (accounts: string[], cited: string[]): CoverageResult => ({
  portfolios: [
    {
      folder: 'file:///p',
      folderName: 'p',
      minimumEvidence: 1,
      accounts: accounts.map((uri) => ({ uri, evidence: 'RA', title: null, tutorNotes: [] })),
      units: [
        {
          code: 'LMCA5',
          title: 't',
          codeConfirmed: true,
          titleDerived: false,
          covered: { P: 0, K: 0 },
          total: { P: 1, K: 0 },
          criteria: [
            {
              id: 'P1',
              kind: 'P',
              number: 1,
              text: 't',
              section: 's',
              state: 'covered',
              accounts: cited.length,
              singleSource: false,
              citations: cited.map((uri) => ({
                account: accounts.indexOf(uri),
                line: 0,
                character: 0,
                endLine: 0,
                endCharacter: 1,
              })),
            },
          ],
        },
      ],
    },
  ],
});

export const webviewProps: Prop[] = [
  {
    name: 'parseFromWebview never throws and returns nothing or one well-formed message',
    quickRuns: 300,
    fuzzShare: 20_000,
    property: () =>
      fc.property(message, (m) => {
        const parsed = parseFromWebview(m);
        checkWellFormed(parsed);
        // As it travels (JSON: -0 arrives as 0), a parsed message parses to itself.
        const sent = JSON.parse(JSON.stringify(parsed ?? null));
        if (parsed) assert.deepEqual(parseFromWebview(sent), sent, 'a parsed message parses to itself');
      }),
  },
  {
    name: 'a reveal can name only an account or citing file of the coverage shown, spelled exactly',
    quickRuns: 200,
    fuzzShare: 5_000,
    property: () =>
      fc.property(
        fc.subarray(SHOWN),
        fc.subarray(SHOWN),
        fc.oneof(pick([...HOSTILE_URIS, ...SHOWN]), fc.string()),
        (accounts, cited, uri) => {
          const allowed = accountUris(coverageOf(accounts, cited));
          assert.deepEqual([...allowed].sort(), [...new Set([...accounts, ...cited])].sort());
          const m = parseFromWebview({ type: 'reveal', uri, line: 0, character: 0 });
          if (m?.type === 'reveal' && allowed.has(m.uri)) assert.ok(accounts.includes(uri) || cited.includes(uri));
        },
      ),
  },
];
