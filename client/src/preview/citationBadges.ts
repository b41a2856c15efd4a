/**
 * A markdown-it plugin that renders citations in the Markdown preview as badges whose tooltip is the
 * criterion text, and marks unknown units, unknown criteria and malformed ranges. Pure: a function of the
 * markdown-it instance and a lookup getter, so it is tested with plain markdown-it (test/unit/preview.test.ts).
 *
 * Only `text` tokens of inline content are scanned, so code spans, code blocks and raw HTML (tutor comments)
 * are never touched, the same regions the language server leaves out of coverage.
 */
import type { MarkdownIt } from 'markdown-it';
import type { StateCore, Token } from 'markdown-it';
import {
  LineContexts,
  applyContext,
  expandItem,
  frontMatterContext,
  lineStarts,
  parseFrontMatter,
  rangeShapeProblem,
  scanText,
  type Citation,
  type CitationItem,
  type NamedUnits,
  type NearMiss,
} from '../../../server/src/core';
import type { CitationLookup } from '../citationLookup';

const TOKEN_TYPE = 'ra_citation';
const NEAR_MISS_TYPE = 'ra_near_miss';

/** Why a near miss counts nothing, as its tooltip says. */
const NEAR_MISS_TITLES: Record<NearMiss['reason'], string> = {
  lettered: 'Not counted: criteria have no lettered parts',
  decimal: "Not counted: numbered parts such as 1.2 belong to another award's assessment criteria",
  'unit-fragment': 'Not counted: this is not a unit code (write the whole code, e.g. LMCA5)',
};
/** Ranges list at most this many criterion texts in their tooltip; the rest is summarised. */
const MAX_RANGE_LINES = 12;

interface BadgeMeta {
  source: string;
  citation: Citation;
}

interface Badge {
  /** The original text of the badge, as written. */
  text: string;
  title: string;
  unknown: boolean;
}

function kindName(kind: 'P' | 'K'): string {
  return kind === 'P' ? 'performance criterion' : 'knowledge point';
}

/** The tooltip and known-ness of one item of a citation whose unit is known. */
function describeItem(lookup: CitationLookup, code: string, item: CitationItem): Omit<Badge, 'text'> {
  const shape = rangeShapeProblem(item);
  if (shape) return { title: `Invalid range: ${item.text} ${shape}`, unknown: true };
  const unit = lookup.unit(code);
  const numbers = expandItem(item);
  const lines: string[] = [];
  for (const n of numbers) {
    const criterion = lookup.criterion(code, `${item.kind}${n}`);
    if (!criterion) {
      const max = unit?.counts[item.kind] ?? 0;
      const bounds = max > 0 ? `${item.kind}1–${item.kind}${max}` : 'none';
      return { title: `${code} has no ${kindName(item.kind)} ${item.kind}${n} (${bounds})`, unknown: true };
    }
    if (lines.length < MAX_RANGE_LINES)
      lines.push(numbers.length > 1 ? `${criterion.id}: ${criterion.text}` : criterion.text);
  }
  if (numbers.length > MAX_RANGE_LINES) lines.push(`… and ${numbers.length - MAX_RANGE_LINES} more`);
  return { title: lines.join('\n'), unknown: false };
}

/** Why a bare criterion counts nothing: no unit named around it, or more than one. */
function notCountedTitle(citation: Citation): string {
  const candidates = citation.bare?.candidates ?? [];
  const unknown = citation.bare?.unknownUnit;
  if (unknown) return `Not counted: it follows ${unknown.text}, which is not a known unit`;
  return candidates.length > 1
    ? `Not counted: the unit is ambiguous here (${candidates.join(' or ')}); write it, e.g. ${candidates[0]}/${citation.items[0].kind}${citation.items[0].from}`
    : 'Not counted: no unit is named here (a heading, a "Unit:" line, a table or the units: list); write it, e.g. LMCA5/' +
        `${citation.items[0].kind}${citation.items[0].from}`;
}

/** The badges of one citation: the first carries the unit ("LMCA5/P1"), list items follow ("P2"). */
export function badgesOf(lookup: CitationLookup, source: string, citation: Citation): Array<Badge | string> {
  const out: Array<Badge | string> = [];
  let at = citation.start;
  citation.items.forEach((item, i) => {
    if (i > 0) out.push(source.slice(at, item.start));
    const text = source.slice(i === 0 ? citation.start : item.start, item.end);
    if (citation.bare && !citation.unitCode) {
      out.push({ text, title: notCountedTitle(citation), unknown: true });
    } else if (!citation.unitCode || !lookup.unit(citation.unitCode)) {
      out.push({ text, title: `Unknown unit ${citation.unitText}`, unknown: true });
    } else {
      out.push({ text, ...describeItem(lookup, citation.unitCode, item) });
    }
    at = item.end;
  });
  return out;
}

function renderBadges(md: MarkdownIt, lookup: CitationLookup, meta: BadgeMeta): string {
  const esc = md.utils.escapeHtml;
  const parts = badgesOf(lookup, meta.source, meta.citation).map((b) =>
    typeof b === 'string'
      ? esc(b)
      : `<span class="ra-badge${b.unknown ? ' ra-unknown' : ''}" title="${esc(b.title)}">${esc(b.text)}</span>`,
  );
  return `<span class="ra-citation">${parts.join('')}</span>`;
}

/** Splits one text token around the citations in it; bare criteria count for the unit `context` names. */
function splitTextToken(
  state: StateCore,
  token: Token,
  lookup: CitationLookup,
  context: () => NamedUnits | undefined,
): Token[] {
  const source = token.content;
  const { citations, nearMisses } = scanText(source, lookup.resolve);
  if (citations.length === 0 && nearMisses.length === 0) return [token];
  for (const c of citations) if (c.bare) applyContext(c, context());
  const out: Token[] = [];
  let at = 0;
  const pushText = (text: string) => {
    if (!text) return;
    const t = new state.Token('text', '', 0);
    t.content = text;
    t.level = token.level;
    out.push(t);
  };
  const found: Array<Citation | NearMiss> = [...citations, ...nearMisses].sort((a, b) => a.start - b.start);
  for (const piece of found) {
    pushText(source.slice(at, piece.start));
    const nearMiss = 'reason' in piece;
    const t = new state.Token(nearMiss ? NEAR_MISS_TYPE : TOKEN_TYPE, 'span', 0);
    t.content = source.slice(piece.start, piece.end);
    t.level = token.level;
    t.meta = nearMiss ? { title: NEAR_MISS_TITLES[piece.reason] } : ({ source, citation: piece } satisfies BadgeMeta);
    out.push(t);
    at = piece.end;
  }
  pushText(source.slice(at));
  return out;
}

/**
 * What the source names around each line, as the language server reads it (citations/unitContext.ts): the
 * front matter's units, headings, "Unit:" lines and tables. Made only when a bare criterion asks; lines in order.
 */
function sourceContexts(src: string, lookup: CitationLookup): { at(line: number): NamedUnits | undefined } {
  let contexts: LineContexts | undefined;
  let starts: number[] | undefined;
  return {
    at(line) {
      if (!contexts) {
        const fm = parseFrontMatter(src).frontMatter;
        contexts = new LineContexts(
          src,
          lookup.resolve,
          frontMatterContext(fm?.units ?? [], lookup.resolve),
          fm?.end ?? 0,
        );
        starts = lineStarts(src);
      }
      return contexts.at(starts![Math.min(line, starts!.length - 1)]);
    },
  };
}

/**
 * Installs the plugin. `getLookup` is called on every render, so a reload of the standards shows in the
 * next preview refresh. Until the lookup has loaded, text is left as it is rather than marked unknown.
 */
export function citationBadges(md: MarkdownIt, getLookup: () => CitationLookup): void {
  md.core.ruler.push('reflective_accounts_citations', (state) => {
    const lookup = getLookup();
    if (!lookup.loaded) return;
    const contexts = sourceContexts(state.src, lookup);
    let line = 0; // table cells carry no line map of their own: the row before them does
    for (const block of state.tokens) {
      if (block.map) line = block.map[0];
      if (block.type !== 'inline' || !block.children) continue;
      const at = line;
      const context = () => contexts.at(at);
      block.children = block.children.flatMap((child) =>
        child.type === 'text' ? splitTextToken(state, child, lookup, context) : [child],
      );
    }
  });
  md.renderer.rules[TOKEN_TYPE] = (tokens, idx) => {
    const meta = tokens[idx].meta as unknown as BadgeMeta | null;
    return meta ? renderBadges(md, getLookup(), meta) : md.utils.escapeHtml(tokens[idx].content);
  };
  // Citation-shaped text that counts nothing is marked too, so the preview never suggests it counts.
  md.renderer.rules[NEAR_MISS_TYPE] = (tokens, idx) => {
    const title = (tokens[idx].meta as { title?: string } | null)?.title ?? '';
    return `<span class="ra-near-miss" title="${md.utils.escapeHtml(title)}">${md.utils.escapeHtml(tokens[idx].content)}</span>`;
  };
}
