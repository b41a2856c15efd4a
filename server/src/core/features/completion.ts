/**
 * Completion (SPEC "In the editor", item 1). Four places offer something:
 *   - right after `LMCA5/`: the unit's criteria; words instead of a number (`LMCA5/superv`) rank them by a
 *     fuzzy match on their text;
 *   - after a list comma (`LMCA5/P1, `): the unit's criteria again;
 *   - a unit-code prefix (`LMC`, `SCD`, `lmc`) in the body: unit codes with their titles;
 *   - the `units:` list of the front matter: unit codes.
 * Nothing inside code, inline code, HTML comments or the rest of the front matter. Pure: offsets in, items
 * with their replace ranges out; the glue maps them to LSP.
 */
import { ignoredAt, type Account, type IgnoredRegion } from '../accounts/account';
import { scanCitations, unitKey } from '../citations/codes';
import type { Coverage } from '../coverage/coverage';
import { coverageState, criterionCoverage, escapeMarkdown, shortText, unitFlags } from './hover';
import { searchCriteria } from '../standards/search';
import { kindName, spellingsOf, type Catalog, type Unit } from '../standards/standards';
import type { CriterionData } from '../standards/unit';

export interface CompletionEdit {
  start: number;
  end: number;
  newText: string;
}

export interface CoreCompletionItem {
  label: string;
  kind: 'criterion' | 'unit';
  detail: string;
  /** Markdown. */
  documentation: string;
  sortText: string;
  /** What the client matches the typed text against. */
  filterText: string;
  edit: CompletionEdit;
}

export interface CoreCompletionList {
  /** True when the client must ask again as the user types (fuzzy results depend on every letter). */
  isIncomplete: boolean;
  items: CoreCompletionItem[];
}

export interface CompletionInput {
  catalog: Catalog;
  account: Account;
  /** The text `account` was parsed from. */
  text: string;
  offset: number;
  coverage?: Coverage;
}

const NOTHING: CoreCompletionList = { isIncomplete: false, items: [] };
/** Past this many criteria in one unit the list is cut and marked incomplete, so the client asks again. */
const MAX_ITEMS = 1000;
const MAX_FUZZY = 50;

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Regions where nothing is offered. An unclosed block at the end of the text still counts at its end. */
function insideIgnored(account: Account, text: string, offset: number): IgnoredRegion | undefined {
  return (
    ignoredAt(account, offset) ??
    account.ignored.find(
      (r) => r.kind !== 'front-matter' && r.end === text.length && offset === r.end && r.start < offset,
    )
  );
}

function lineStartOf(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

/** The line before the cursor, with ignored regions (inline code, comments) blanked out as the scanner sees it. */
function maskedLinePrefix(account: Account, text: string, lineStart: number, offset: number): string {
  let line = text.slice(lineStart, offset);
  for (const r of account.ignored) {
    if (r.end <= lineStart || r.start >= offset) continue;
    const s = Math.max(r.start, lineStart) - lineStart;
    const e = Math.min(r.end, offset) - lineStart;
    line = line.slice(0, s) + ' '.repeat(e - s) + line.slice(e);
  }
  return line;
}

/**
 * The unit whose criterion would start at `itemAt` in `prefix`, found with the citation grammar itself: a
 * probe item is appended and scanned, so `XLMCA5/`, URLs and unknown units never count as a context.
 */
function unitForItemAt(catalog: Catalog, prefix: string, itemAt: number): Unit | undefined {
  const probe = prefix.slice(0, itemAt) + 'P1';
  const last = scanCitations(probe, catalog.resolve).pop();
  if (!last?.unitCode || last.items[last.items.length - 1].start !== itemAt) return undefined;
  return catalog.unit(last.unitCode);
}

const CODE_TYPED = /^[PpKk]?\d*$/;
/** A kind being typed at the end of the line, as a whole word: `P`, `PC2`, `k1`. */
const KIND_TYPED = /(?:^|[^A-Za-z0-9_/])((?:[Pp][Cc]?|[Kk])\d*)$/;
/** Words typed after the slash: letters first, no digits (so `LMCA5/P1 and …` is never a query). */
const WORDS_TYPED = /^\p{L}[\p{L}'’\- ]{0,60}$/u;

function criterionDocumentation(unit: Unit, c: CriterionData, state: string): string {
  return (
    `**${unit.code}/${c.id}** · ${kindName(c.kind)}\n\n${escapeMarkdown(c.text)}\n\n` +
    `Section: *${escapeMarkdown(c.section)}*\n\n${state[0].toUpperCase()}${state.slice(1)}.`
  );
}

function criterionItem(
  unit: Unit,
  c: CriterionData,
  input: CompletionInput,
  edit: Omit<CompletionEdit, 'newText'>,
  sortText: string,
  filterText: string,
): CoreCompletionItem {
  const state = coverageState(criterionCoverage(input.coverage, unit.code, c.id), input.coverage?.minimumEvidence ?? 1);
  return {
    label: c.id,
    kind: 'criterion',
    detail: `${shortText(c.text)} — ${state}`,
    documentation: criterionDocumentation(unit, c, state),
    sortText,
    filterText,
    edit: { ...edit, newText: c.id },
  };
}

/** Every criterion of the unit, P before K, by number. */
function criteriaByCode(unit: Unit, input: CompletionInput, start: number): CoreCompletionList {
  const items = unit.criteria
    .slice(0, MAX_ITEMS)
    .map((c) =>
      criterionItem(unit, c, input, { start, end: input.offset }, `${c.kind === 'P' ? 0 : 1}${pad(c.number, 6)}`, c.id),
    );
  return { isIncomplete: unit.criteria.length > MAX_ITEMS, items };
}

/** Criteria ranked by fuzzy match; filterText is the query itself so the client keeps our order. */
function criteriaByWords(
  catalog: Catalog,
  unit: Unit,
  input: CompletionInput,
  start: number,
  query: string,
): CoreCompletionList {
  const matches = searchCriteria(catalog, unit.code, query, MAX_FUZZY);
  const items = matches.map((m, rank) =>
    criterionItem(unit, m.criterion, input, { start, end: input.offset }, pad(rank, 4), query),
  );
  return { isIncomplete: true, items };
}

function criterionCompletions(
  catalog: Catalog,
  input: CompletionInput,
  prefix: string,
  lineStart: number,
): CoreCompletionList | undefined {
  // Right after the slash: a code being typed, or words to search for.
  const slash = prefix.lastIndexOf('/');
  if (slash >= 0) {
    const typed = prefix.slice(slash + 1);
    const byCode = CODE_TYPED.test(typed);
    if (byCode || WORDS_TYPED.test(typed)) {
      const unit = unitForItemAt(catalog, prefix, slash + 1);
      if (unit) {
        return byCode
          ? criteriaByCode(unit, input, lineStart + slash + 1)
          : criteriaByWords(catalog, unit, input, lineStart + slash + 1, typed.trimEnd());
      }
    }
  }
  // After a list comma: only codes, since words after ", " are ordinary prose.
  const list = /,[ \t\u00a0]{0,3}([PpKk]?\d*)$/.exec(prefix);
  if (list) {
    const itemAt = prefix.length - list[1].length;
    const unit = unitForItemAt(catalog, prefix, itemAt);
    if (unit) return criteriaByCode(unit, input, lineStart + itemAt);
  }
  // Once a kind is typed: after a known unit and a space, colon or dash (`SCDLMCA5 P`, `LMCA5: K1`), after
  // "and" or "&" in a list, or a bare criterion (`P2`) whose heading, table or units: list names its unit.
  const kind = KIND_TYPED.exec(prefix);
  if (kind) {
    const itemAt = prefix.length - kind[1].length;
    const unit = unitForItemAt(catalog, prefix, itemAt);
    if (unit) return criteriaByCode(unit, input, lineStart + itemAt);
    const bare = input.account.citations.find((c) => c.bare && c.unitCode && c.start === lineStart + itemAt);
    const contextUnit = bare ? catalog.unit(bare.unitCode!) : undefined;
    if (contextUnit) return criteriaByCode(contextUnit, input, lineStart + itemAt);
  }
  return undefined;
}

/** Units whose code or any spelling starts with the typed prefix, with the spelling that matched. */
function unitsMatching(catalog: Catalog, typed: string): Array<{ unit: Unit; spelling: string }> {
  const key = unitKey(typed);
  const out: Array<{ unit: Unit; spelling: string }> = [];
  for (const unit of catalog.units) {
    const spelling = spellingsOf(unit).find((s) => unitKey(s).startsWith(key));
    if (spelling) out.push({ unit, spelling });
  }
  // A centre's own codes (unitAliases) live only in the catalogue's key table.
  for (const [k, code] of catalog.keys) {
    if (!k.startsWith(key) || out.some((o) => o.unit.code === code)) continue;
    const unit = catalog.unit(code);
    if (unit) out.push({ unit, spelling: k });
  }
  return out.sort((a, b) => a.unit.code.localeCompare(b.unit.code));
}

function unitItem(unit: Unit, spelling: string, start: number, end: number): CoreCompletionItem {
  const flags = unitFlags(unit);
  const detail = unit.title + (flags.length ? ` (${flags.join(', ')})` : '');
  const documentation =
    `**${unit.code}** — ${escapeMarkdown(unit.title)}` +
    (flags.length ? ` *(${flags.join(', ')})*` : '') +
    (unit.aliases.length ? `\n\nAlso written: ${unit.aliases.map(escapeMarkdown).join(', ')}` : '') +
    `\n\n${unit.counts.P} performance criteria, ${unit.counts.K} knowledge points` +
    (unit.overview ? `\n\n${escapeMarkdown(shortText(unit.overview, 300))}` : '');
  return {
    label: unit.code,
    kind: 'unit',
    detail,
    documentation,
    sortText: unit.code,
    filterText: spelling,
    edit: { start, end, newText: unit.code },
  };
}

/** Characters that make a word part of something else (a path, a URL, an e-mail), as in the grammar. */
const ATTACHED = /[A-Za-z0-9_/.\-@#:\\]/;

function unitPrefixCompletions(
  catalog: Catalog,
  prefix: string,
  lineStart: number,
  offset: number,
): CoreCompletionList | undefined {
  const m = /[A-Za-z][A-Za-z0-9]*$/.exec(prefix);
  if (!m || m[0].length < 2) return undefined;
  if (m.index > 0 && ATTACHED.test(prefix[m.index - 1])) return undefined;
  const start = lineStart + m.index;
  const items = unitsMatching(catalog, m[0]).map(({ unit, spelling }) => unitItem(unit, spelling, start, offset));
  return items.length ? { isIncomplete: false, items } : undefined;
}

/** True when the cursor sits in the value of the top-level `units:` key of the front matter. */
function inUnitsValue(text: string, yamlStart: number, offset: number): boolean {
  const lines = text.slice(yamlStart, offset).split(/\r\n|\n|\r/);
  for (let i = lines.length - 1; i >= 0; i--) {
    const key = /^([A-Za-z_][\w-]*)[ \t]*:/.exec(lines[i]);
    if (!key) {
      if (/^\S/.test(lines[i]) && !/^-/.test(lines[i])) return false;
      continue;
    }
    // On the key's own line the cursor must be past the colon.
    return key[1] === 'units' && (i < lines.length - 1 || lines[i].length >= key[0].length);
  }
  return false;
}

function frontMatterCompletions(catalog: Catalog, input: CompletionInput): CoreCompletionList {
  const fm = input.account.frontMatter;
  if (!fm || !inUnitsValue(input.text, fm.yamlStart, input.offset)) return NOTHING;
  const prefix = input.text.slice(lineStartOf(input.text, input.offset), input.offset);
  const m = /[A-Za-z0-9]*$/.exec(prefix)!;
  const before = prefix[m.index - 1];
  if (before !== undefined && !/[\s[,\-:"']/.test(before)) return NOTHING;
  const start = input.offset - m[0].length;
  const listed = new Set(
    fm.units.filter((u) => u.end < start || u.start > input.offset).map((u) => catalog.resolve(u.text)),
  );
  const units =
    m[0] === '' ? catalog.units.map((unit) => ({ unit, spelling: unit.code })) : unitsMatching(catalog, m[0]);
  const items = units
    .filter(({ unit }) => !listed.has(unit.code))
    .map(({ unit, spelling }) => unitItem(unit, spelling, start, input.offset));
  return { isIncomplete: false, items };
}

export function computeCompletions(input: CompletionInput): CoreCompletionList {
  const { catalog, account, text, offset } = input;
  if (offset < 0 || offset > text.length) return NOTHING;
  const region = insideIgnored(account, text, offset);
  if (region?.kind === 'front-matter') return frontMatterCompletions(catalog, input);
  if (region) return NOTHING;
  const lineStart = lineStartOf(text, offset);
  const prefix = maskedLinePrefix(account, text, lineStart, offset);
  return (
    criterionCompletions(catalog, input, prefix, lineStart) ??
    unitPrefixCompletions(catalog, prefix, lineStart, offset) ??
    NOTHING
  );
}
