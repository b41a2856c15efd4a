/**
 * Accounts kept packed. A parsed account's citations, paragraphs, ignored regions and line starts are small
 * objects and arrays; with thousands of accounts open they were most of the server's heap (at 5,000 accounts,
 * citations alone took 18 MB, about 300 bytes each). `packAccount` keeps them as numbers in one typed array and
 * gives back an Account whose fields read the same: each field is rebuilt when first read and kept while the
 * account is among the last DECODED_KEPT ones read, so the requests about one document reuse one copy.
 *
 * `forEachCitedItem` walks the citations without building them, for the coverage fold, which reads every
 * account's citations on each change.
 *
 * Pure: no IO. The packed account is a plain object (same fields, same order), so comparing it with the
 * account it was made from finds them equal.
 */
import type { Account, IgnoredKind, IgnoredRegion, Paragraph } from './account';
import type { Citation, CitationItem } from '../citations/codes';
import type { CriterionKind } from '../standards/unit';

/** Layout of the numbers: a header of section offsets, then the sections. All are zero or more. */
const HEADER = 4; // citations end, paragraphs end, ignored end, line starts end (offsets into the array)
const CITATION_HEAD = 7; // start, end, unitStart, unitEnd, unitText index, unitCode index + 1 (0: none), item count
const ITEM = 6; // flags, from, to, start, end, text index
const PARAGRAPH = 3; // start, end, words
const REGION = 3; // kind, start, end

const KIND_K = 1;
const TO_KIND_K = 2;
const RANGE = 4;
const IGNORED_KINDS: readonly IgnoredKind[] = ['front-matter', 'code', 'inline-code', 'comment'];

interface Packed {
  /** Uint16Array when every number fits (nearly every account: files under 64 KiB), else Int32Array. */
  numbers: Uint16Array | Int32Array;
  /** Unit texts, unit codes and item texts: the shared table, or the account's own (see stringIndexer). */
  strings: string[];
}

/** The fields rebuilt from the numbers. */
type Unpacked = Pick<Account, 'citations' | 'paragraphs' | 'ignored' | 'lineStarts'>;

/** How many accounts keep their rebuilt fields: those of the latest requests, a small fixed amount of memory. */
const DECODED_KEPT = 64;
const decoded = new Map<PackedAccount, Partial<Unpacked>>();

/**
 * The strings of packed accounts (unit texts and codes, item texts: "LMCA5", "P21") are few and recur in every
 * account, so one table holds them for all. Bounded, so a stream of odd spellings cannot grow it without end:
 * an account with a string the table cannot take keeps a table of its own.
 */
const SHARED_MAX = 50000;
const shared: string[] = [];
const sharedIndex = new Map<string, number>();

function sharedStringIndex(s: string): number | undefined {
  let i = sharedIndex.get(s);
  if (i === undefined && s.length <= 24 && shared.length < SHARED_MAX) {
    i = shared.push(s) - 1;
    sharedIndex.set(s, i);
  }
  return i;
}

/** An account's own string table (see pack), with the index of each string in it. */
interface OwnStrings {
  strings: string[];
  index: Map<string, number>;
}

function ownStringIndex(own: OwnStrings, s: string): number {
  let i = own.index.get(s);
  if (i === undefined) own.index.set(s, (i = own.strings.push(s) - 1));
  return i;
}

/**
 * Packs with the shared string table, or (when one of the account's strings will not go there) with a table
 * of the account's own: the first attempt gives up at the first such string.
 */
function pack(account: Account): Packed {
  return packWith(account, undefined) ?? packWith(account, { strings: [], index: new Map() })!;
}

function packWith(account: Account, own: OwnStrings | undefined): Packed | undefined {
  let missing = false;
  const stringIndex = (s: string): number => {
    if (own) return ownStringIndex(own, s);
    const i = sharedStringIndex(s);
    if (i === undefined) missing = true;
    return i ?? 0;
  };
  let size = HEADER;
  for (const c of account.citations) size += CITATION_HEAD + ITEM * c.items.length;
  size += PARAGRAPH * account.paragraphs.length + REGION * account.ignored.length + account.lineStarts.length;
  const n = new Int32Array(size);
  let at = HEADER;
  for (const c of account.citations) {
    n[at++] = c.start;
    n[at++] = c.end;
    n[at++] = c.unitStart;
    n[at++] = c.unitEnd;
    n[at++] = stringIndex(c.unitText);
    n[at++] = c.unitCode === undefined ? 0 : stringIndex(c.unitCode) + 1;
    n[at++] = c.items.length;
    if (missing) return undefined;
    for (const item of c.items) {
      n[at++] = (item.kind === 'K' ? KIND_K : 0) | (item.toKind === 'K' ? TO_KIND_K : 0) | (item.isRange ? RANGE : 0);
      n[at++] = item.from;
      n[at++] = item.to;
      n[at++] = item.start;
      n[at++] = item.end;
      n[at++] = stringIndex(item.text);
    }
  }
  n[0] = at;
  for (const p of account.paragraphs) {
    n[at++] = p.start;
    n[at++] = p.end;
    n[at++] = p.words;
  }
  n[1] = at;
  for (const r of account.ignored) {
    n[at++] = IGNORED_KINDS.indexOf(r.kind); // four kinds: a search is as quick as a map
    n[at++] = r.start;
    n[at++] = r.end;
  }
  n[2] = at;
  for (const s of account.lineStarts) n[at++] = s;
  n[3] = at;
  if (missing) return undefined;
  let max = 0;
  for (let i = 0; i < at; i++) if (n[i] > max) max = n[i];
  return { numbers: max <= 0xffff ? new Uint16Array(n) : n, strings: own?.strings ?? shared };
}

const kindOf = (flags: number, bit: number): CriterionKind => (flags & bit ? 'K' : 'P');

function unpackCitations({ numbers: n, strings }: Packed): Citation[] {
  const out: Citation[] = [];
  for (let at = HEADER; at < n[0];) {
    const citation: Citation = {
      start: n[at], end: n[at + 1], unitText: strings[n[at + 4]], unitStart: n[at + 2], unitEnd: n[at + 3],
      unitCode: n[at + 5] === 0 ? undefined : strings[n[at + 5] - 1], items: [],
    };
    const count = n[at + 6];
    at += CITATION_HEAD;
    for (let k = 0; k < count; k++, at += ITEM) {
      const flags = n[at];
      citation.items.push({
        kind: kindOf(flags, KIND_K), from: n[at + 1], toKind: kindOf(flags, TO_KIND_K), to: n[at + 2],
        isRange: (flags & RANGE) !== 0, start: n[at + 3], end: n[at + 4], text: strings[n[at + 5]],
      });
    }
    out.push(citation);
  }
  return out;
}

function unpackParagraphs({ numbers: n }: Packed): Paragraph[] {
  const out: Paragraph[] = [];
  for (let at = n[0]; at < n[1]; at += PARAGRAPH) out.push({ start: n[at], end: n[at + 1], words: n[at + 2] });
  return out;
}

function unpackIgnored({ numbers: n }: Packed): IgnoredRegion[] {
  const out: IgnoredRegion[] = [];
  for (let at = n[1]; at < n[2]; at += REGION) out.push({ kind: IGNORED_KINDS[n[at]], start: n[at + 1], end: n[at + 2] });
  return out;
}

function unpackLineStarts({ numbers: n }: Packed): number[] {
  const out: number[] = [];
  for (let at = n[2]; at < n[3]; at++) out.push(n[at]); // Array.from over a subarray was several times slower
  return out;
}

const UNPACK: { [K in keyof Unpacked]: (p: Packed) => Unpacked[K] } = {
  citations: unpackCitations,
  paragraphs: unpackParagraphs,
  ignored: unpackIgnored,
  lineStarts: unpackLineStarts,
};

/** The field rebuilt for this account, kept among the latest DECODED_KEPT accounts read. */
function field<K extends keyof Unpacked>(account: PackedAccount, packed: Packed, key: K): Unpacked[K] {
  let fields = decoded.get(account);
  if (fields) {
    decoded.delete(account); // re-inserted below: the Map's order is the order of use
  } else {
    fields = {};
    if (decoded.size >= DECODED_KEPT) decoded.delete(decoded.keys().next().value!);
  }
  decoded.set(account, fields);
  return (fields[key] ??= UNPACK[key](packed)) as Unpacked[K];
}

/** One empty list for every packed account with no tutor notes or no problems (nothing adds to them later). */
const NONE: never[] = Object.freeze([]) as never[];

/**
 * An account whose citations, paragraphs, ignored regions and line starts are read from its packed numbers.
 * A class, so that every packed account shares one hidden class and one set of accessors (made per account,
 * as closures or property descriptors, they cost more time and memory than the arrays they stand for).
 */
class PackedAccount implements Account {
  uri: string;
  evidence: string;
  title: string | undefined;
  frontMatter: Account['frontMatter'];
  tutorNotes: Account['tutorNotes'];
  problems: Account['problems'];
  length: number;
  declare degraded?: string;
  /** The packed fields; undefined once one of them was written (then all four are plain own properties). */
  packed: Packed | undefined;

  constructor(account: Account, packed: Packed) {
    this.uri = account.uri;
    this.evidence = account.evidence;
    this.title = account.title;
    this.frontMatter = account.frontMatter;
    this.tutorNotes = account.tutorNotes.length ? account.tutorNotes : NONE; // most have no notes, no problems
    this.problems = account.problems.length ? account.problems : NONE;
    this.length = account.length;
    if (account.degraded !== undefined) this.degraded = account.degraded;
    this.packed = packed;
  }

  get citations(): Citation[] {
    return field(this, this.packed!, 'citations');
  }
  set citations(value: Citation[]) {
    this.unpackWith('citations', value);
  }
  get paragraphs(): Paragraph[] {
    return field(this, this.packed!, 'paragraphs');
  }
  set paragraphs(value: Paragraph[]) {
    this.unpackWith('paragraphs', value);
  }
  get ignored(): IgnoredRegion[] {
    return field(this, this.packed!, 'ignored');
  }
  set ignored(value: IgnoredRegion[]) {
    this.unpackWith('ignored', value);
  }
  get lineStarts(): number[] {
    return field(this, this.packed!, 'lineStarts');
  }
  set lineStarts(value: number[]) {
    this.unpackWith('lineStarts', value);
  }

  /** A packed field is written: the numbers would no longer tell the whole story, so all four become plain. */
  private unpackWith(key: keyof Unpacked, value: unknown): void {
    for (const other of Object.keys(UNPACK) as Array<keyof Unpacked>) {
      const now = other === key ? value : this[other];
      Object.defineProperty(this, other, { value: now, enumerable: true, configurable: true, writable: true });
    }
    this.packed = undefined;
  }
}

const packedOf = (account: Account): Packed | undefined => (account instanceof PackedAccount ? account.packed : undefined);

/**
 * The same account with its citations, paragraphs, ignored regions and line starts packed. Its fields read
 * the same as the account's (the packed four rebuilt on demand, from the prototype); writing one of those
 * replaces it with the value written. What is packed is exactly what the parser makes
 * (test/unit/packedAccount.test.ts unpacks generated accounts and compares).
 */
export function packAccount(account: Account): Account {
  return new PackedAccount(account, pack(account));
}

/** One cited item, as the coverage fold needs it, without building Citation objects. */
export type CitedItem = Omit<CitationItem, 'text'> & Pick<Citation, 'unitCode'>;

/**
 * Calls `visit` for every item of every citation, in text order. The object passed is reused between calls:
 * read it, do not keep it.
 */
export function forEachCitedItem(account: Account, visit: (item: CitedItem) => void): void {
  const packed = packedOf(account);
  const item: CitedItem = { unitCode: undefined, kind: 'P', from: 0, toKind: 'P', to: 0, isRange: false, start: 0, end: 0 };
  if (!packed || decoded.get(account as PackedAccount)?.citations) {
    for (const c of account.citations) {
      item.unitCode = c.unitCode;
      for (const i of c.items) {
        item.kind = i.kind;
        item.from = i.from;
        item.toKind = i.toKind;
        item.to = i.to;
        item.isRange = i.isRange;
        item.start = i.start;
        item.end = i.end;
        visit(item);
      }
    }
    return;
  }
  const { numbers: n, strings } = packed;
  for (let at = HEADER; at < n[0];) {
    item.unitCode = n[at + 5] === 0 ? undefined : strings[n[at + 5] - 1];
    const count = n[at + 6];
    at += CITATION_HEAD;
    for (let k = 0; k < count; k++, at += ITEM) {
      const flags = n[at];
      item.kind = kindOf(flags, KIND_K);
      item.toKind = kindOf(flags, TO_KIND_K);
      item.isRange = (flags & RANGE) !== 0;
      item.from = n[at + 1];
      item.to = n[at + 2];
      item.start = n[at + 3];
      item.end = n[at + 4];
      visit(item);
    }
  }
}

/** 0-based line and UTF-16 column of an offset, as positionAt, without rebuilding the line starts. */
export function positionInAccount(account: Account, offset: number): { line: number; character: number } {
  const packed = packedOf(account);
  if (!packed) return positionIn(account.lineStarts, 0, account.lineStarts.length, offset);
  return positionIn(packed.numbers, packed.numbers[2], packed.numbers[3], offset);
}

/** Binary search of `offset` among line starts stored at [from, to) of `starts`. */
function positionIn(starts: ArrayLike<number>, from: number, to: number, offset: number): { line: number; character: number } {
  let lo = from;
  let hi = to - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo - from, character: offset - starts[lo] };
}
