/** Properties of account parsing (core/accounts/account.ts): invariants, what counts, purity, edits. */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { parseAccount, type Account } from '../../server/src/core/accounts/account';
import { testCatalog } from '../unit/helpers';
import { anyText, applyEdit, editArgs, editOf, markdownDoc } from './documentArbitraries';
import { checkAccount } from './invariants';
import type { Prop } from './props';
import { strictDoc, type StrictDoc } from './strictDocs';
import { MAX_NESTING } from '../../server/src/core/accounts/markdownCost';

const catalog = testCatalog();
const URIS = [
  'file:///p/ra1.md',
  'file:///p/My%20Account.md',
  'file:///p/%E0%A4%A.md',
  'untitled:Untitled-1',
  '',
  'file:///p/.md',
  'C:\\x\\ra2.markdown',
];
const parse = (text: string, uri = URIS[0]) => parseAccount(uri, text, catalog.resolve);

/** Citations as what they say and where, for comparing two parses. */
const cited = (a: Account) =>
  a.citations.map((c) => ({
    start: c.start,
    end: c.end,
    unit: c.unitCode,
    items: c.items.map((i) => [i.start, i.end, i.text]),
  }));

/** A fresh copy of a string that shares nothing with the original. */
const copy = (s: string) => s.split('').join('');

/**
 * A place inside a word with no slash within 40 characters, so no citation can see letters put there, and no
 * `<` or `&` either, so they cannot rename an HTML tag (which changes the block structure) or an entity.
 */
function farInsertion(text: string, at: number): { offset: number } | undefined {
  for (let p = Math.min(at, text.length - 1); p < text.length; p++) {
    if (!/[a-z]/i.test(text[p - 1] ?? '') || !/[a-z]/i.test(text[p] ?? '')) continue;
    if (/[/<&]/.test(text.slice(Math.max(0, p - 40), p + 40))) continue;
    return { offset: p };
  }
  return undefined;
}

export const accountProps: Prop[] = [
  {
    name: 'parseAccount never throws and every offset, span and slice is consistent',
    quickRuns: 150,
    fuzzShare: 30_000,
    property: () => fc.property(anyText, fc.constantFrom(...URIS), (text, uri) => checkAccount(text, parse(text, uri))),
  },
  {
    name: 'body citations are found at their offsets; none in code, inline code, comments or front matter',
    quickRuns: 150,
    fuzzShare: 20_000,
    property: () =>
      fc.property(strictDoc, (doc) => {
        const account = parse(doc.text);
        checkAccount(doc.text, account);
        const starts = new Set(account.citations.map((c) => c.start));
        for (const s of doc.citeStarts)
          assert.ok(starts.has(s), `citation expected at ${s}: ${JSON.stringify(doc.text.slice(s, s + 20))}`);
        for (const c of account.citations) {
          for (const span of [{ start: c.unitStart, end: c.unitEnd }, ...c.items]) {
            const r = doc.ignored.find((x) => span.start < x.end && x.start < span.end);
            assert.ok(
              !r,
              `citation ${doc.text.slice(c.start, c.end)} at ${c.start} counted inside ignored text ${JSON.stringify(doc.text.slice(r?.start, r?.end))}`,
            );
          }
        }
        assert.equal(account.citations.length, doc.citeStarts.length, 'no citation beyond those written in the body');
      }),
  },
  {
    name: 'deeply nested text leaves the body unread: invariants kept, front matter still read, nothing counted',
    quickRuns: 100,
    fuzzShare: 20_000,
    property: () =>
      fc.property(
        fc.oneof(
          strictDoc,
          anyText.map((text): Omit<StrictDoc, 'citeStarts'> & { citeStarts?: number[] } => ({ text, ignored: [] })),
        ),
        (doc) => {
          const text = doc.text + '\n\n' + '> '.repeat(MAX_NESTING + 1) + 'x\n';
          const account = parse(text);
          if (!doc.citeStarts)
            fc.pre(account.degraded !== undefined); // inside an unclosed fence the fast scanner reads it all as code
          else assert.match(account.degraded ?? '', /^Not read as Markdown, so nothing in it counts: .*nested/);
          checkAccount(text, account);
          assert.deepEqual(account.citations, []);
          assert.deepEqual(account.paragraphs, []);
          const { title, evidence, units } = parse(doc.text).frontMatter ?? {};
          assert.deepEqual(
            [account.frontMatter?.title, account.frontMatter?.evidence, account.frontMatter?.units],
            [title, evidence, units],
          );
        },
      ),
  },
  {
    name: 'paragraph word counts are the words of the paragraph less those of the citations inside it',
    quickRuns: 50,
    fuzzShare: 6_000,
    property: () =>
      fc.property(
        fc.oneof(
          markdownDoc,
          strictDoc.map((d) => d.text),
        ),
        (text) => {
          const words = (s: string) => (s.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? []).length;
          const account = parse(text);
          for (const p of account.paragraphs) {
            const inside = account.citations.filter((c) => c.start >= p.start && c.end <= p.end);
            const expected =
              words(text.slice(p.start, p.end)) - inside.reduce((n, c) => n + words(text.slice(c.start, c.end)), 0);
            assert.equal(p.words, Math.max(0, expected), `words of ${JSON.stringify(text.slice(p.start, p.end))}`);
          }
        },
      ),
  },
  {
    name: 'parsing is deterministic and keeps no hidden state (order, other texts, fresh catalogue)',
    quickRuns: 80,
    fuzzShare: 6_000,
    property: () =>
      fc.property(anyText, anyText, (a, b) => {
        const first = parse(a);
        parse(b);
        assert.deepEqual(parse(a), first);
        assert.deepEqual(parseAccount(URIS[0], copy(a), testCatalog().resolve), first);
      }),
  },
  {
    name: 're-parsing an edited text equals parsing the same string fresh',
    quickRuns: 80,
    fuzzShare: 6_000,
    property: () =>
      fc.property(anyText, editArgs, (text, [a, b, insert]) => {
        const edited = applyEdit(text, editOf(text, a, b, insert));
        parse(text);
        const incremental = parse(edited);
        checkAccount(edited, incremental);
        assert.deepEqual(incremental, parse(copy(edited)));
      }),
  },
  {
    name: 'an edit far from any citation shifts the citations after it by its length and changes nothing else',
    quickRuns: 50,
    fuzzShare: 6_000,
    property: () =>
      fc.property(markdownDoc, fc.nat(), fc.stringMatching(/^[a-z]{1,12}$/), (text, at, letters) => {
        const place = farInsertion(text, at % (text.length + 1));
        fc.pre(place !== undefined);
        const p = place!.offset;
        const before = parse(text);
        // A bare criterion's unit comes from its context, which an edit anywhere above it may change.
        fc.pre(!before.citations.some((c) => c.bare));
        const after = parse(text.slice(0, p) + letters + text.slice(p));
        const moved = (o: number) => (o >= p ? o + letters.length : o);
        assert.deepEqual(
          cited(after),
          cited(before).map((c) => ({
            ...c,
            start: moved(c.start),
            end: moved(c.end),
            items: c.items.map(([s, e, t]) => [moved(s as number), moved(e as number), t]),
          })),
        );
        assert.deepEqual(
          after.ignored.map((r) => [r.kind, r.start, r.end]),
          before.ignored.map((r) => [r.kind, moved(r.start), r.end > p ? r.end + letters.length : r.end]),
        );
      }),
  },
  {
    name: 'line endings (LF, CRLF, CR) and a BOM do not change what is cited, line by line',
    quickRuns: 80,
    fuzzShare: 6_000,
    property: () =>
      fc.property(markdownDoc, fc.constantFrom('\r\n', '\r'), fc.boolean(), (doc, nl, bom) => {
        const lf = doc.replace(/^\ufeff/, '');
        fc.pre(!lf.includes('\r') && !lf.includes('\ufeff'));
        const other = (bom ? '\ufeff' : '') + lf.replace(/\n/g, nl);
        const where = (text: string, a: Account) =>
          a.citations.map((c) => {
            const line = a.lineStarts.filter((s) => s <= c.start).length - 1;
            return [
              line,
              c.start - a.lineStarts[line] - (line === 0 && text[0] === '\ufeff' ? 1 : 0),
              c.unitCode,
              c.items.map((i) => i.text),
            ];
          });
        const a = parse(lf);
        const b = parse(other);
        assert.deepEqual(where(other, b), where(lf, a));
        assert.equal(b.title, a.title);
        assert.equal(b.evidence, a.evidence);
      }),
  },
];
