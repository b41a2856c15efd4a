/**
 * The invariants every parse result keeps, as assertions shared by the property tier, the hostile tier
 * and `npm run fuzz`. Each throws an AssertionError naming the broken rule.
 */
import { strict as assert } from 'node:assert';
import type { Account } from '../../server/src/core/accounts/account';
import type { Citation } from '../../server/src/core/citations/codes';
import type { FrontMatter, TextProblem } from '../../server/src/core/accounts/frontMatter';

const WORD = /[A-Za-z0-9_]/;
/** What may not stand right before a unit: a word character or URL/path punctuation. */
const ATTACHES = /[A-Za-z0-9_/.\-@#:\\]/;
/** Between a unit and its first item: a slash, or spaces with at most one of : . and a dash. */
const SEPARATOR = /^(?:\/|[ \t\u00a0]{0,3}[:./\-\u2010-\u2014]?[ \t\u00a0]{0,3})$/;
const ITEM = /^(?:[Pp](?:[Cc][Ss]?)?|[Kk])[ \t\u00a0]?\d{1,6}/;
const LIST_ITEM = /^(?:(?:[Pp](?:[Cc][Ss]?)?|[Kk])[ \t\u00a0]?)?\d{1,6}/;

function within(what: string, start: number, end: number, length: number): void {
  assert.ok(Number.isInteger(start) && Number.isInteger(end), `${what}: offsets are integers (${start}, ${end})`);
  assert.ok(start >= 0 && start <= end && end <= length, `${what}: 0 <= ${start} <= ${end} <= ${length}`);
}

/** Offsets in order and inside the text, and each span's text equal to the slice at its offsets. */
export function checkCitations(text: string, citations: readonly Citation[]): void {
  let previousEnd = 0;
  for (const c of citations) {
    const where = `citation ${JSON.stringify(text.slice(c.start, c.end))} at ${c.start}`;
    within(where, c.start, c.end, text.length);
    assert.ok(c.start >= previousEnd, `${where}: citations are in order and do not overlap`);
    previousEnd = c.end;
    assert.equal(c.start, c.unitStart, `${where}: starts with its unit`);
    assert.equal(text.slice(c.unitStart, c.unitEnd), c.unitText, `${where}: unit text is the slice at its offsets`);
    assert.ok(c.items.length > 0, `${where}: has at least one item`);
    if (c.bare) {
      assert.ok(
        c.unitStart === c.unitEnd && c.items[0].start === c.start,
        `${where}: a bare citation starts with its first item`,
      );
      assert.ok(
        c.bare.candidates.length === 1 ? c.unitCode === c.bare.candidates[0] : c.unitCode === undefined,
        `${where}: a bare citation counts for its unit only when the context names exactly one`,
      );
    } else {
      assert.ok(c.unitStart < c.unitEnd, `${where}: unit is not empty`);
      assert.match(text.slice(c.unitEnd, c.items[0].start), SEPARATOR, `${where}: a separator follows the unit`);
    }
    assert.equal(c.end, c.items[c.items.length - 1].end, `${where}: ends with its last item`);
    assert.ok(!WORD.test(text[c.end] ?? ''), `${where}: does not run on into a letter or digit`);
    assert.ok(!ATTACHES.test(text[c.start - 1] ?? ''), `${where}: is a whole token (nothing attached before the unit)`);
    let itemEnd = c.unitEnd - 1;
    c.items.forEach((item, index) => {
      within(`${where} item ${item.text}`, item.start, item.end, text.length);
      assert.ok(item.start > itemEnd, `${where}: items in order`);
      itemEnd = item.end;
      assert.equal(text.slice(item.start, item.end), item.text, `${where}: item text is the slice at its offsets`);
      assert.match(
        item.text,
        index === 0 ? ITEM : LIST_ITEM,
        `${where}: item starts with a kind (or, in a list, a number)`,
      );
      assert.ok(item.kind === 'P' || item.kind === 'K');
      assert.ok(item.toKind === 'P' || item.toKind === 'K');
      assert.ok(Number.isSafeInteger(item.from) && item.from >= 0 && Number.isSafeInteger(item.to) && item.to >= 0);
      if (!item.isRange)
        assert.ok(item.from === item.to && item.kind === item.toKind, `${where}: single item is its own range`);
    });
  }
}

function checkProblems(problems: readonly TextProblem[], length: number): void {
  for (const p of problems) {
    within(`problem "${p.message}"`, p.start, p.end, length);
    assert.ok(typeof p.message === 'string' && p.message.length > 0);
  }
}

export function checkFrontMatter(fm: FrontMatter, length: number): void {
  assert.ok(
    fm.start === 0 &&
      fm.start <= fm.yamlStart &&
      fm.yamlStart <= fm.yamlEnd &&
      fm.yamlEnd <= fm.end &&
      fm.end <= length,
    `front matter offsets in order: ${JSON.stringify(fm)}`,
  );
  for (const u of fm.units) {
    assert.ok(
      u.start >= fm.yamlStart && u.start <= u.end && u.end <= fm.yamlEnd,
      `units entry ${u.text} inside the YAML`,
    );
  }
}

/** An independent line splitter, to check Account.lineStarts against. */
export function referenceLineStarts(text: string): number[] {
  const starts = [0];
  const re = /\r\n|\r|\n/g;
  for (let m = re.exec(text); m; m = re.exec(text)) starts.push(m.index + m[0].length);
  return starts;
}

export function checkAccount(text: string, account: Account): void {
  assert.equal(account.length, text.length, 'length is the text length');
  assert.deepEqual(account.lineStarts, referenceLineStarts(text), 'line starts');
  assert.ok(typeof account.evidence === 'string', 'evidence number is text');
  assert.ok(account.title === undefined || typeof account.title === 'string');
  checkCitations(text, account.citations);
  checkProblems(account.problems, text.length);
  if (account.frontMatter) checkFrontMatter(account.frontMatter, text.length);
  let previousStart = 0;
  for (const r of account.ignored) {
    within(`ignored ${r.kind}`, r.start, r.end, text.length);
    assert.ok(r.start >= previousStart, 'ignored regions sorted');
    previousStart = r.start;
    assert.ok(['front-matter', 'code', 'inline-code', 'comment'].includes(r.kind));
    if (r.kind === 'front-matter') assert.ok(r.start === 0 && account.frontMatter && r.end === account.frontMatter.end);
  }
  // Which characters are ignored, so that each citation is checked in time proportional to its length.
  const hidden = new Uint8Array(text.length);
  for (const r of account.ignored) hidden.fill(1, r.start, r.end);
  for (const c of account.citations) {
    for (const s of [{ start: c.unitStart, end: c.unitEnd }, ...c.items]) {
      const at = hidden.subarray(s.start, s.end).indexOf(1);
      if (at >= 0) {
        const r = account.ignored.find((x) => x.start <= s.start + at && s.start + at < x.end)!;
        assert.fail(
          `citation ${text.slice(c.start, c.end)} at ${c.start} lies in ignored ${r.kind} ${r.start}-${r.end}`,
        );
      }
    }
  }
  for (const p of account.paragraphs) {
    within('paragraph', p.start, p.end, text.length);
    assert.ok(Number.isInteger(p.words) && p.words >= 0, 'paragraph word count');
  }
  for (const n of account.tutorNotes) {
    within('tutor note', n.start, n.end, text.length);
    assert.ok(
      account.ignored.some((r) => r.kind === 'comment' && r.start === n.start && r.end === n.end),
      'tutor note is a comment',
    );
  }
}
