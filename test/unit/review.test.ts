import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { parse as parseYaml } from 'yaml';
import { parseAccount } from '../../server/src/core/accounts/account';
import { accountEvidenceDigest } from '../../server/src/core/accounts/evidenceDigest';
import { computeCoverage } from '../../server/src/core/coverage/coverage';
import { createPortfolio, updateAccount } from '../../server/src/core/coverage/portfolio';
import { parseAssessment, setDecision } from '../../server/src/core/review/assessment';
import {
  citingDigest,
  reviewStateLabel,
  reviewUnit,
  type CitingAccounts,
} from '../../server/src/core/review/reviewState';
import { reviewStateWords } from '../../client/src/webview/reviewModel';
import {
  applyEdit,
  deleteThreadEdit,
  findThreads,
  insertThreadEdit,
  newThreadId,
  parseThreadComment,
  replaceThreadEdit,
  serialiseThread,
} from '../../server/src/core/accounts/reviewThreads';
import { testCatalog } from './helpers';

const catalog = testCatalog();
const resolve = (s: string) => catalog.resolve(s);
const parse = (text: string, uri = 'file:///p/ra1.md') => parseAccount(uri, text, resolve);

const THREAD = `<!-- review #k3f9 open
J Smith, 2026-12-06 17:50 UTC:
  Can you say what the family said?
  And what you changed.
Sam Carer, 2026-12-07 09:12 UTC:
  I have added a paragraph --\\> see below.
-->`;

describe('review threads: the format', () => {
  it('reads a thread as written by hand', () => {
    assert.deepEqual(parseThreadComment(THREAD), {
      id: 'k3f9',
      status: 'open',
      messages: [
        {
          author: 'J Smith',
          at: '2026-12-06T17:50Z',
          body: 'Can you say what the family said?\nAnd what you changed.',
        },
        { author: 'Sam Carer', at: '2026-12-07T09:12Z', body: 'I have added a paragraph --> see below.' },
      ],
    });
    assert.equal(serialiseThread(parseThreadComment(THREAD)!), THREAD);
  });
  it('is not a thread: other comments, tutor notes, no messages, no closing line', () => {
    for (const text of [
      '<!-- tutor: more please -->',
      '<!-- review #a open\n-->',
      '<!-- review #a maybe\nA, 2026-01-01 10:00 UTC:\n  x\n-->',
      '<!-- review #a open\nA, 2026-01-01 10:00 UTC:\n  x',
    ])
      assert.equal(parseThreadComment(text), undefined, text);
  });
  it('finds threads in an account, anchored to the line above, stacked threads to the same line', () => {
    const text = `# Title\n\nI rang the family. LMCA5/P6\n${THREAD}\n${THREAD.replace('k3f9', 'b2').replace(' open', ' resolved')}\nNext.\n`;
    const account = parse(text);
    assert.deepEqual(
      account.reviewThreads.map((t) => [t.id, t.status, t.anchorLine]),
      [
        ['k3f9', 'open', 2],
        ['b2', 'resolved', 2],
      ],
    );
    assert.deepEqual(
      account.citations.map((c) => text.slice(c.start, c.end)),
      ['LMCA5/P6'],
      'threads are comments: nothing in them counts',
    );
    const plain = '# Title\n\nI rang the family. LMCA5/P6\nNext.\n';
    assert.equal(accountEvidenceDigest(text, account), accountEvidenceDigest(plain, parse(plain)));
    assert.notEqual(accountEvidenceDigest(text, account), accountEvidenceDigest('Other.', parse('Other.')));
  });
  it('a thread-shaped text inside fenced code is not a thread', () => {
    assert.deepEqual(parse('Text\n```\n' + THREAD + '\n```\n').reviewThreads, []);
  });
  it('starts a thread under a line, after the threads already there, keeping CRLF', () => {
    const text = 'One.\r\nTwo.\r\n';
    const t = {
      id: 'a1',
      status: 'open' as const,
      messages: [{ author: 'J Smith', at: '2026-12-06T17:50Z', body: 'Why?' }],
    };
    const once = applyEdit(text, insertThreadEdit(text, [], 0, t)!);
    assert.equal(once, 'One.\r\n<!-- review #a1 open\r\nJ Smith, 2026-12-06 17:50 UTC:\r\n  Why?\r\n-->\r\nTwo.\r\n');
    const t2 = { ...t, id: 'a2' };
    const twice = applyEdit(once, insertThreadEdit(once, parse(once).reviewThreads, 0, t2)!);
    assert.deepEqual(
      parse(twice).reviewThreads.map((x) => [x.id, x.anchorLine]),
      [
        ['a1', 0],
        ['a2', 0],
      ],
    );
  });
  it('refuses lines of the front matter and of fenced code', () => {
    const text = '---\ntitle: A\n---\nBody\n```\ncode\n```\n';
    const t = { id: 'a', status: 'open' as const, messages: [{ author: 'A', at: '2026-12-06T17:50Z', body: 'x' }] };
    assert.deepEqual(
      [0, 1, 2, 3, 4, 5, 6].map((l) => insertThreadEdit(text, [], l, t) !== undefined),
      [false, false, false, true, false, false, false],
    );
  });
  it("refuses a line of a thread's own comment", () => {
    const text = `Line.\n${THREAD}\nAfter.\n`;
    const threads = parse(text).reviewThreads;
    const t = { id: 'b', status: 'open' as const, messages: [{ author: 'A', at: '2026-12-06T17:50Z', body: 'x' }] };
    assert.deepEqual(
      [0, 1, 2, 7, 8].map((l) => insertThreadEdit(text, threads, l, t) !== undefined),
      [true, false, false, false, true],
    );
  });
  it('replies, resolves and deletes by rewriting the thread in place', () => {
    const text = `Line.\n${THREAD}\nAfter.\n`;
    const [located] = findThreads(
      text,
      parse(text).ignored.filter((r) => r.kind === 'comment'),
    );
    const replied = {
      ...located,
      status: 'resolved' as const,
      messages: [...located.messages, { author: 'J Smith', at: '2026-12-08T10:00Z', body: 'Thanks.' }],
    };
    const edited = applyEdit(text, replaceThreadEdit(text, located, replied));
    assert.match(
      edited,
      /<!-- review #k3f9 resolved\n[\s\S]*J Smith, 2026-12-08 10:00 UTC:\n {2}Thanks\.\n-->\nAfter\.\n$/,
    );
    assert.equal(applyEdit(text, deleteThreadEdit(text, located)), 'Line.\nAfter.\n');
  });
});

const schemaFile = path.join(__dirname, '..', '..', 'schemas', 'assessment.schema.json');

describe('assessment file', () => {
  const GOOD =
    `version: 1\ndecisions:\n  LMCA5/P6:\n    decision: accepted\n    by: J Smith\n    at: 2026-12-06T17:50:00Z\n    evidence: 0a1b2c3d\n` +
    `  LMCA5/K3:\n    decision: not-yet\n    by: J Smith\n    at: 2026-12-06\n    reason: Say how you checked.\n`;
  it('reads decisions, keyed by criterion', () => {
    const a = parseAssessment(GOOD);
    assert.deepEqual(a.problems, []);
    assert.deepEqual(
      [...a.decisions.values()],
      [
        {
          criterion: 'LMCA5/P6',
          decision: 'accepted',
          by: 'J Smith',
          at: '2026-12-06T17:50:00Z',
          evidence: '0a1b2c3d',
        },
        { criterion: 'LMCA5/K3', decision: 'not-yet', by: 'J Smith', at: '2026-12-06', reason: 'Say how you checked.' },
      ],
    );
  });
  it('the shipped schema accepts a good file and is the one package.json contributes', () => {
    const schema = JSON.parse(fs.readFileSync(schemaFile, 'utf8'));
    assert.equal(new Ajv({ strict: false }).compile(schema)(parseYaml(GOOD)), true);
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
    const contributed = [...pkg.contributes.yamlValidation, ...pkg.contributes.jsonValidation].filter(
      (v: { url: string }) => v.url.endsWith('assessment.schema.json'),
    );
    assert.ok(
      contributed.some((v: { fileMatch: string[] }) => v.fileMatch.some((f) => f.endsWith('.assessment.yaml'))),
    );
  });
  const BAD: Array<[string, string, number, RegExp, string[]]> = [
    [
      'YAML that does not parse',
      'version: 1\ndecisions:\n  LMCA5/P6:\n    decision: accepted\n   by: J\n',
      5,
      /Not valid YAML/,
      [],
    ],
    [
      'an unknown decision',
      GOOD.replace('not-yet', 'maybe'),
      9,
      /must be one of accepted, not-yet, referred/,
      ['LMCA5/P6'],
    ],
    [
      'a missing "by"',
      GOOD.replace('    by: J Smith\n    at: 2026-12-06T17', '    at: 2026-12-06T17'),
      3,
      /must have required property 'by'/,
      ['LMCA5/K3'],
    ],
    [
      'a key that is no criterion',
      GOOD.replace('LMCA5/K3', 'LMCA5-K3'),
      8,
      /"LMCA5-K3" is not a criterion/,
      ['LMCA5/P6'],
    ],
    [
      'an unexpected field',
      GOOD.replace('    reason:', '    note: x\n    reason:'),
      8,
      /unexpected field "note"/,
      ['LMCA5/P6'],
    ],
    [
      'a bad time',
      GOOD.replace('at: 2026-12-06\n', 'at: yesterday\n'),
      11,
      /LMCA5\/K3 → at: must match pattern/,
      ['LMCA5/P6'],
    ],
  ];
  for (const [name, text, line, message, kept] of BAD) {
    it(`bad input names the line: ${name}, and keeps the good decisions`, () => {
      const a = parseAssessment(text);
      assert.equal(a.problems.length > 0, true);
      assert.equal(a.problems[0].line, line, JSON.stringify(a.problems));
      assert.match(a.problems[0].message, message);
      assert.deepEqual([...a.decisions.keys()], kept);
    });
  }
  it('never throws on any text', () => {
    for (const text of [
      '',
      '~',
      '- a\n- b',
      '"x"',
      'decisions: 3',
      'decisions:\n  LMCA5/P6: 7',
      '\u0000\u0001',
      '{{{',
      'a: &x\nb: *y',
    ])
      assert.doesNotThrow(() => parseAssessment(text), text);
    assert.deepEqual([...parseAssessment('decisions: 3').decisions.keys()], []);
  });
  it('setDecision creates the file, keeps comments and other decisions, sorts, clears', () => {
    const d = { decision: 'accepted' as const, by: 'J Smith', at: '2026-12-06T17:50:00Z', evidence: '0a1b2c3d' };
    const created = setDecision('', 'LMCA5/P6', d);
    assert.ok('text' in created);
    assert.deepEqual(parseAssessment(created.text).decisions.get('LMCA5/P6'), { criterion: 'LMCA5/P6', ...d });
    const withComment = '# my notes\n' + GOOD;
    const r = setDecision(withComment, 'LMCA5/P2', {
      decision: 'referred',
      by: 'A B',
      at: '2026-12-07',
      reason: 'IV to check',
    });
    assert.ok('text' in r);
    assert.match(r.text, /^# my notes\n/);
    assert.deepEqual([...parseAssessment(r.text).decisions.keys()], ['LMCA5/P2', 'LMCA5/P6', 'LMCA5/K3']);
    const cleared = setDecision(r.text, 'LMCA5/P6', undefined);
    assert.ok('text' in cleared);
    assert.deepEqual([...parseAssessment(cleared.text).decisions.keys()], ['LMCA5/P2', 'LMCA5/K3']);
  });
  it('setDecision refuses to rewrite a file that is not valid YAML (nothing lost)', () => {
    const r = setDecision('version: 1\ndecisions:\n  LMCA5/P6:\n    decision: accepted\n   by: J\n', 'LMCA5/P1', {
      decision: 'accepted',
      by: 'A',
      at: '2026-12-06',
    });
    assert.ok('error' in r);
    assert.match(r.error, /line 5 is not valid YAML/);
  });
});

describe('review states: cited, accepted, changed since accepted, not cited', () => {
  /** A portfolio of the files, with the evidence digest of each account kept beside it as the CLI keeps it. */
  function portfolioOf(files: Record<string, string>) {
    const p = createPortfolio('file:///p');
    const digests = new Map<string, string>();
    for (const [name, text] of Object.entries(files)) {
      const account = parse(text, `file:///p/${name}`);
      updateAccount(p, account);
      digests.set(account.uri, accountEvidenceDigest(text, account));
    }
    const citing: CitingAccounts = (uri) => {
      const a = p.accounts.get(uri);
      return a && { evidence: a.evidence, digest: digests.get(uri)! };
    };
    return Object.assign(p, { citing });
  }
  it('an acceptance holds until a citing account changes; threads and spacing are no change', () => {
    const files = { 'ra1.md': 'I met the family. LMCA5/P6 and LMCA5/P7\n', 'ra2.md': 'Supervision. LMCA5/P6\n' };
    const p = portfolioOf(files);
    const cov = computeCoverage(catalog, p);
    const unit = cov.units.find((u) => u.code === 'LMCA5')!;
    const digest = citingDigest(
      unit.criteria.find((c) => c.id === 'P6')!,
      p.citing,
    );
    const assessment = parseAssessment(
      `decisions:\n  LMCA5/P6: {decision: accepted, by: J, at: 2026-12-06, evidence: ${digest}}\n` +
        `  LMCA5/P1: {decision: accepted, by: J, at: 2026-12-06, evidence: ${digest}}\n  LMCA5/P7: {decision: not-yet, by: J, at: 2026-12-06}\n`,
    );
    const states = (pf: typeof p) => {
      const r = reviewUnit(
        computeCoverage(catalog, pf).units.find((u) => u.code === 'LMCA5')!,
        pf.citing,
        assessment,
      );
      return ['P6', 'P7', 'P1', 'P2'].map((id) => r.criteria.get(id)!.state);
    };
    assert.deepEqual(states(p), ['accepted', 'cited', 'changed', 'not-cited']);
    const withThread = portfolioOf({
      ...files,
      'ra2.md': 'Supervision.   LMCA5/P6\n<!-- review #a open\nJ, 2026-12-06 10:00 UTC:\n  ok?\n-->\n',
    });
    assert.deepEqual(states(withThread), ['accepted', 'cited', 'changed', 'not-cited']);
    const edited = portfolioOf({ ...files, 'ra2.md': 'Supervision of new staff. LMCA5/P6\n' });
    assert.deepEqual(states(edited), ['changed', 'cited', 'changed', 'not-cited']);
    const another = portfolioOf({ ...files, 'ra3.md': 'More. LMCA5/P6\n' });
    assert.equal(states(another)[0], 'changed');
  });
});

describe('review state words', () => {
  it('the panel says each state as the server, the CLI and the records say it', () => {
    for (const state of ['not-cited', 'cited', 'accepted', 'changed'] as const)
      assert.equal(reviewStateWords(state), reviewStateLabel(state), state);
  });
});

describe('review threads: new ids', () => {
  it('are unique in the account and never read as a colour', () => {
    let n = 0;
    const fixed = () => [0, 0, 0.5][n++ % 3];
    const used = [{ id: 'r0000', status: 'open' as const, messages: [] }];
    const id = newThreadId(used, fixed);
    assert.notEqual(id, 'r0000');
    assert.match(id, /^r[0-9a-z]{4}$/);
    assert.doesNotMatch(`#${id}`, /^#[0-9a-f]{3,8}$/);
  });
});
