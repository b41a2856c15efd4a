/**
 * Properties of review threads kept in accounts (core/accounts/reviewThreads.ts): the format round-trips exactly, in
 * both directions, and a thread placed in an account survives any edit around it: same thread, same line.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { parseAccount } from '../../server/src/core/accounts/account';
import { accountEvidenceDigest } from '../../server/src/core/accounts/evidenceDigest';
import {
  applyEdit,
  cleanAuthor,
  insertThreadEdit,
  isWritableThread,
  linesClosedToThreads,
  parseThreadComment,
  scanThreads,
  serialiseThread,
  type ReviewThread,
} from '../../server/src/core/accounts/reviewThreads';
import { testCatalog } from '../unit/helpers';
import type { Prop } from './props';

const catalog = testCatalog();
const resolve = (s: string) => catalog.resolve(s);

/** Text people really write, plus the characters the format has to escape or could trip on. */
const tricky = fc.constantFrom(
  '-->',
  '--',
  '\\',
  '\\>',
  '--\\>',
  '<!--',
  ' ',
  '  ',
  '\t',
  ':',
  ', 2026-01-01 10:00 UTC:',
  '#',
  'é',
  '’',
  '\u00a0',
  '`',
);
const words = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 2, arbitrary: fc.array(tricky, { maxLength: 6 }).map((xs) => xs.join('')) },
);
const body = fc
  .array(fc.oneof({ weight: 5, arbitrary: words }, { weight: 1, arbitrary: fc.constant('') }), {
    minLength: 1,
    maxLength: 4,
  })
  .map((lines) => lines.join('\n').replace(/\r/g, ''));
const author = fc
  .oneof(
    fc.constantFrom('J Smith', 'Sam O’Neill', 'A. Tutor (IV)', 'x-->y', 'back\\slash', 'Ann, 2026-01-01 10:00 UTC:'),
    words,
  )
  .map(cleanAuthor);
const minute = fc
  .date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 16) + 'Z');
export const threadArb: fc.Arbitrary<ReviewThread> = fc.record(
  {
    id: fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,7}$/),
    status: fc.constantFrom('open' as const, 'resolved' as const),
    messages: fc.array(fc.record({ author, at: minute, body }, { noNullPrototype: true }), {
      minLength: 1,
      maxLength: 4,
    }),
  },
  { noNullPrototype: true },
);

/** Lines of an account: prose with citations, headings, lists, tables, tutor notes, blank lines, a fence. */
const accountLine = fc.oneof(
  fc.constantFrom(
    'I planned the rota with the team. LMCA5/P6',
    '## Planning visits',
    '- agreed the plan LMCA5/P1, P2',
    '',
    '| LMCA5/P3 | supervision |',
    '<!-- tutor: say more -->',
    'Unit: LMCA5',
    '> a quote LMCA5/K3',
    '1. first step',
    'Plain words.',
  ),
  fc.string({ unit: 'grapheme-ascii', maxLength: 30 }).map((s) => s.replace(/[<`~\r\n]/g, ' ')),
);
const account = fc
  .tuple(
    fc.boolean(),
    fc.array(accountLine, { minLength: 1, maxLength: 12 }),
    fc.boolean(),
    fc.constantFrom('\n', '\r\n'),
  )
  .map(([fm, lines, fence, eol]) =>
    [
      ...(fm ? ['---', 'title: A', 'units: [LMCA5]', '---'] : []),
      ...lines,
      ...(fence ? ['```', 'LMCA5/P9 in code', '```'] : []),
      'Last line.',
    ].join(eol),
  );

/** Inserted text that cannot open a block able to swallow a comment (fences, raw HTML). */
const insertText = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'grapheme-ascii', maxLength: 8 }),
      fc.constantFrom('\n', '\r\n', 'LMCA5/P4', '# ', '- ', '\n\n'),
    ),
    { maxLength: 4 },
  )
  .map((xs) => xs.join('').replace(/[<`~]/g, '.'));

function lineText(text: string, line: number): string {
  return text.split(/\r?\n/)[line] ?? '';
}

export const reviewThreadProps: Prop[] = [
  {
    name: 'a thread written and read back is the same thread',
    quickRuns: 300,
    fuzzShare: 10,
    property: () =>
      fc.property(threadArb, fc.constantFrom('\n', '\r\n'), (t, eol) => {
        assert.ok(isWritableThread(t));
        assert.deepEqual(parseThreadComment(serialiseThread(t, eol)), t);
      }),
  },
  {
    name: 'a thread comment read and written again is the same text',
    quickRuns: 300,
    fuzzShare: 10,
    property: () =>
      fc.property(threadArb, (t) => {
        const text = serialiseThread(t);
        assert.equal(serialiseThread(parseThreadComment(text)!), text);
      }),
  },
  {
    name: 'a thread placed in an account is found there, about its line, and never counts as evidence',
    quickRuns: 150,
    fuzzShare: 10,
    property: () =>
      fc.property(account, threadArb, fc.nat(), (text, thread, pick) => {
        const lines = text.split(/\r?\n/);
        const open = lines.map((_, i) => i).filter((i) => !linesClosedToThreads(text).has(i));
        const line = open[pick % open.length];
        const before = parseAccount('file:///a.md', text, resolve);
        const edit = insertThreadEdit(text, before.reviewThreads, line, thread)!;
        const withThread = applyEdit(text, edit);
        const after = parseAccount('file:///a.md', withThread, resolve);
        assert.equal(after.reviewThreads.length, 1);
        const { start: _s, end: _e, anchorLine, ...found } = after.reviewThreads[0];
        assert.deepEqual(found, thread);
        assert.equal(anchorLine, line);
        assert.equal(
          accountEvidenceDigest(withThread, after),
          accountEvidenceDigest(text, before),
          'a thread is not evidence',
        );
        assert.deepEqual(
          after.citations.map((c) => withThread.slice(c.start, c.end)),
          before.citations.map((c) => text.slice(c.start, c.end)),
        );
      }),
  },
  {
    name: 'edits anywhere around a thread leave it whole and on its line',
    quickRuns: 200,
    fuzzShare: 10,
    property: () =>
      fc.property(
        account,
        threadArb,
        fc.nat(),
        fc.nat(),
        fc.nat({ max: 12 }),
        insertText,
        (text, thread, pick, at, cut, insert) => {
          const open = text
            .split(/\r?\n/)
            .map((_, i) => i)
            .filter((i) => !linesClosedToThreads(text).has(i));
          const line = open[pick % open.length];
          const withThread = applyEdit(text, insertThreadEdit(text, [], line, thread)!);
          const placed = parseAccount('file:///a.md', withThread, resolve).reviewThreads[0];
          const anchorText = lineText(withThread, line);
          // The edit keeps off the thread's own lines: from the start of its line to the end of the comment.
          const anchorStart = line === 0 ? 0 : withThread.split('\n').slice(0, line).join('\n').length + 1;
          const keepOff = [anchorStart, placed.end + 1];
          const outside = [...Array(withThread.length + 1).keys()].filter((i) => i < keepOff[0] || i > keepOff[1]);
          fc.pre(outside.length > 0);
          const start = outside[at % outside.length];
          let end = Math.min(start + cut, withThread.length);
          if (start < keepOff[0]) end = Math.min(end, keepOff[0] - (withThread[keepOff[0] - 2] === '\r' ? 2 : 1));
          if (end < start) end = start;
          // Editing a fence or comment line can open code or a comment, which rightly swallows whatever follows.
          const lineFrom = withThread.lastIndexOf('\n', start - 1) + 1;
          const lineTo = withThread.indexOf('\n', end);
          fc.pre(!/[`<]/.test(withThread.slice(lineFrom, lineTo < 0 ? undefined : lineTo)));
          // Never split a CRLF pair: that is no edit an editor makes.
          const edited = applyEdit(withThread, { start, end, newText: insert });
          fc.pre(!/\r(?!\n)/.test(edited));
          const threads = parseAccount('file:///a.md', edited, resolve).reviewThreads;
          assert.equal(threads.length, 1);
          const { start: _s, end: _e, anchorLine, ...found } = threads[0];
          assert.deepEqual(found, thread);
          assert.equal(lineText(edited, anchorLine), anchorText);
        },
      ),
  },
];

/** The editor's scanner (no account parser) finds what parseAccount finds. */
export const scanThreadProps: Prop[] = [
  {
    name: 'the editor scanner finds the same threads as the account parser',
    quickRuns: 150,
    fuzzShare: 10,
    property: () =>
      fc.property(account, fc.array(fc.tuple(threadArb, fc.nat()), { maxLength: 3 }), (text, threads) => {
        let t = text;
        threads.forEach(([thread, pick], i) => {
          const open = t
            .split(/\r?\n/)
            .map((_, n) => n)
            .filter((n) => !linesClosedToThreads(t).has(n));
          const edit = insertThreadEdit(t, scanThreads(t), open[pick % open.length], {
            ...thread,
            id: `${thread.id}${i}`,
          });
          if (edit) t = applyEdit(t, edit);
        });
        assert.deepEqual(scanThreads(t), parseAccount('file:///a.md', t, resolve).reviewThreads);
      }),
  },
];
