/**
 * The citation scanner as it was written before it tested character classes on code units (server/src/core/
 * codes.ts, until the CLI's throughput work): each class a pattern run on a one-character string. Kept here
 * as the reference that the faster scanner must agree with, character for character (codesChars.test.ts).
 */
import type { Citation, CitationItem, UnitResolver } from '../../server/src/core/citations/codes';
import type { CriterionKind } from '../../server/src/core/standards/unit';

const DASHES = '-\u2010\u2011\u2012\u2013\u2014';
const SPACE = /[ \t\u00a0]/;

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && /[A-Za-z0-9_]/.test(ch);
}

function attachesBefore(ch: string | undefined): boolean {
  return ch !== undefined && (isWordChar(ch) || '/.-@#:\\'.includes(ch));
}

function looksLikeUnitCode(word: string): boolean {
  return /^[A-Za-z][A-Za-z0-9]{2,11}$/.test(word) && /\d/.test(word) && /[A-Za-z]{2}/.test(word);
}

function readNumber(text: string, at: number): { value: number; next: number } | undefined {
  let i = at;
  while (i < text.length && i - at < 6 && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
  if (i === at) return undefined;
  return { value: Number(text.slice(at, i)), next: i };
}

function readKind(text: string, at: number): CriterionKind | undefined {
  const ch = text[at];
  if (ch === 'P' || ch === 'p') return 'P';
  if (ch === 'K' || ch === 'k') return 'K';
  return undefined;
}

function skipSpaces(text: string, at: number, max = 3): number {
  let i = at;
  while (i < text.length && i - at < max && SPACE.test(text[i])) i++;
  return i;
}

function parseItem(text: string, at: number): { item: CitationItem; next: number } | undefined {
  const kind = readKind(text, at);
  if (!kind) return undefined;
  const first = readNumber(text, at + 1);
  if (!first || isWordChar(text[first.next])) return undefined;
  let item: CitationItem = {
    kind, from: first.value, toKind: kind, to: first.value, isRange: false, start: at, end: first.next, text: text.slice(at, first.next),
  };
  const dashAt = skipSpaces(text, first.next, 1);
  if (DASHES.includes(text[dashAt] ?? '\0') && text[dashAt] !== undefined) {
    let j = skipSpaces(text, dashAt + 1, 1);
    const endKind = readKind(text, j);
    if (endKind) j++;
    const second = readNumber(text, j);
    if (second && !isWordChar(text[second.next])) {
      item = { ...item, toKind: endKind ?? kind, to: second.value, isRange: true, end: second.next, text: text.slice(at, second.next) };
    }
  }
  return { item, next: item.end };
}

function findUnit(text: string, slash: number, resolve: UnitResolver): { start: number; code: string | undefined } | undefined {
  let start = slash;
  while (start > 0 && /[A-Za-z0-9]/.test(text[start - 1])) start--;
  if (start === slash) return undefined;
  if (start > 1 && SPACE.test(text[start - 1])) {
    let start2 = start - 1;
    while (start2 > 0 && /[A-Za-z0-9]/.test(text[start2 - 1])) start2--;
    if (start2 < start - 1 && !attachesBefore(text[start2 - 1])) {
      const code = resolve(text.slice(start2, slash));
      if (code) return { start: start2, code };
    }
  }
  if (attachesBefore(text[start - 1])) return undefined;
  const word = text.slice(start, slash);
  const code = resolve(word);
  if (code) return { start, code };
  return looksLikeUnitCode(word) ? { start, code: undefined } : undefined;
}

export function referenceScanCitations(text: string, resolve: UnitResolver): Citation[] {
  const out: Citation[] = [];
  let from = 0;
  for (;;) {
    const slash = text.indexOf('/', from);
    if (slash < 0) break;
    from = slash + 1;
    const firstItem = parseItem(text, slash + 1);
    if (!firstItem) continue;
    const unit = findUnit(text, slash, resolve);
    if (!unit) continue;
    const items = [firstItem.item];
    let end = firstItem.next;
    for (;;) {
      if (text[end] !== ',') break;
      const more = parseItem(text, skipSpaces(text, end + 1));
      if (!more) break;
      items.push(more.item);
      end = more.next;
    }
    out.push({ start: unit.start, end, unitText: text.slice(unit.start, slash), unitStart: unit.start, unitEnd: slash, unitCode: unit.code, items });
    from = end;
  }
  return out;
}

/** unitKey before its fast paths. */
export function referenceUnitKey(text: string): string {
  let key = text.toUpperCase().replace(/[\s\u00a0]+/g, '');
  if (key.startsWith('SCDLMCS')) key = 'SCDLMC' + key.slice('SCDLMCS'.length);
  return key;
}
