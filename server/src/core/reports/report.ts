/**
 * Coverage reports for people and programs: plain text (terminal), Markdown, JSON. Pure functions of a
 * Coverage value; `fileOf` turns an account URI into the name shown (the CLI prints paths relative to the
 * portfolio folder).
 */
import type { CitationRef, Coverage, CriterionCoverage, UnitCoverage } from '../coverage/coverage';
import { compressIds, uncoveredIds } from '../coverage/coverage';

export type FileNamer = (uri: string) => string;

export interface CoverageJson {
  minimumEvidence: number;
  accounts: Array<{ file: string; evidence: string; title: string | null }>;
  units: Array<{
    code: string;
    title: string;
    codeConfirmed: boolean;
    titleDerived: boolean;
    summary: { P: { covered: number; total: number }; K: { covered: number; total: number } };
    criteria: Array<{
      id: string;
      kind: 'P' | 'K';
      text: string;
      section: string;
      covered: boolean;
      state: string;
      evidence: string[];
      citations: Array<{ file: string; line: number; column: number; evidence: string }>;
    }>;
  }>;
}

/** Evidence numbers of the accounts citing a criterion, once each, in portfolio order. */
export function evidenceOf(c: CriterionCoverage): string[] {
  return evidenceOfCitations(c.citations);
}

/** evidenceOf for a criterion's citations already read. */
function evidenceOfCitations(citations: readonly CitationRef[]): string[] {
  // Citations come account by account, so most repeat the evidence number just seen: only a new one is looked
  // up (the JSON of a thousand accounts asks this for every criterion, tens of thousands of citations in all).
  const out: string[] = [];
  const seen = new Set<string>();
  let last: string | undefined;
  for (const r of citations) {
    if (r.evidence === last) continue;
    last = r.evidence;
    if (!seen.has(last)) {
      seen.add(last);
      out.push(last);
    }
  }
  return out;
}

export function coverageToJson(coverage: Coverage, fileOf: FileNamer): CoverageJson {
  return {
    minimumEvidence: coverage.minimumEvidence,
    accounts: coverage.accounts.map((a) => ({ file: fileOf(a.uri), evidence: a.evidence, title: a.title ?? null })),
    units: coverage.units.map((u) => ({
      code: u.code,
      title: u.title,
      codeConfirmed: u.codeConfirmed,
      titleDerived: u.titleDerived,
      summary: { P: { covered: u.covered.P, total: u.total.P }, K: { covered: u.covered.K, total: u.total.K } },
      criteria: u.criteria.map((c) => criterionJson(c, fileOf)),
    })),
  };
}

function criterionJson(c: CriterionCoverage, fileOf: FileNamer): CoverageJson['units'][number]['criteria'][number] {
  // `citations` may be a getter that builds the list on every read: read once.
  const citations = c.citations;
  return {
    id: c.id,
    kind: c.kind,
    text: c.text,
    section: c.section,
    covered: c.state === 'covered',
    state: c.state,
    evidence: evidenceOfCitations(citations),
    citations: citations.map((r) => ({
      file: fileOf(r.uri),
      line: r.line + 1,
      column: r.character + 1,
      evidence: r.evidence,
    })),
  };
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

function truncate(s: string, n: number): string {
  return s.length <= n ? s : s.slice(0, n - 1) + '…';
}

function percent(covered: number, total: number): string {
  return total === 0 ? '–' : `${Math.round((100 * covered) / total)}%`;
}

/** Wraps a comma-separated list to lines of at most `width` characters, indented. */
function wrapList(items: string[], width: number, indent: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const item of items) {
    const piece = line ? `, ${item}` : item;
    if (line && indent.length + line.length + piece.length > width) {
      lines.push(indent + line + ',');
      line = item;
    } else line += piece;
  }
  if (line) lines.push(indent + line);
  return lines;
}

function unitFlags(u: UnitCoverage): string {
  const flags = [];
  if (!u.codeConfirmed) flags.push('code unconfirmed');
  if (u.titleDerived) flags.push('title derived');
  return flags.length ? ` (${flags.join(', ')})` : '';
}

export function renderCoverageText(coverage: Coverage, folderName: string, opts: { detail?: boolean } = {}): string {
  const out: string[] = [];
  out.push(
    `Coverage of ${folderName}: ${coverage.accounts.length} account(s), ` +
      `a criterion is covered when cited in at least ${coverage.minimumEvidence} account(s)`,
  );
  out.push('');
  if (coverage.units.length === 0) {
    out.push('No units in scope: name them in a `units:` list or cite a criterion such as LMCA5/P1.');
    return out.join('\n') + '\n';
  }
  out.push(`${pad('Unit', 7)} ${pad('Performance', 14)} ${pad('Knowledge', 14)} Title`);
  for (const u of coverage.units) {
    const p = `${u.covered.P}/${u.total.P} ${percent(u.covered.P, u.total.P)}`;
    const k = `${u.covered.K}/${u.total.K} ${percent(u.covered.K, u.total.K)}`;
    out.push(`${pad(u.code, 7)} ${pad(p, 14)} ${pad(k, 14)} ${truncate(u.title, 70)}${unitFlags(u)}`);
  }
  for (const u of coverage.units) {
    out.push('');
    const missing = uncoveredIds(u);
    out.push(`${u.code}: ${missing.length === 0 ? 'every criterion covered' : `${missing.length} not yet covered:`}`);
    if (missing.length) out.push(...wrapList(compressIds(missing), 100, '  '));
    if (opts.detail) {
      for (const c of u.criteria) {
        const ev = evidenceOf(c);
        out.push(
          `  ${pad(c.id, 5)} ${pad(c.state === 'covered' ? 'covered' : c.state === 'partial' ? 'partial' : '-', 8)} ` +
            `${pad(ev.join(', ') || '', 14)} ${truncate(c.text, 90)}`,
        );
      }
    }
  }
  return out.join('\n') + '\n';
}

function mdCell(s: string): string {
  return s
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/[\r\n]+/g, ' ');
}

export function renderCoverageMarkdown(
  coverage: Coverage,
  folderName: string,
  opts: { detail?: boolean } = {},
): string {
  const out: string[] = [];
  out.push(`# Coverage of ${mdCell(folderName)}`, '');
  out.push(
    `${coverage.accounts.length} account(s); a criterion is covered when cited in at least ` +
      `${coverage.minimumEvidence} account(s).`,
    '',
  );
  out.push('| Unit | Title | Performance criteria | Knowledge points |', '|---|---|---|---|');
  for (const u of coverage.units) {
    out.push(
      `| ${u.code} | ${mdCell(u.title)}${unitFlags(u)} | ${u.covered.P}/${u.total.P} | ${u.covered.K}/${u.total.K} |`,
    );
  }
  for (const u of coverage.units) {
    out.push('', `## ${u.code} — ${mdCell(u.title)}`, '');
    const missing = uncoveredIds(u);
    out.push(
      missing.length
        ? `Not yet covered (${missing.length}): ${compressIds(missing).join(', ')}`
        : 'Every criterion covered.',
    );
    if (opts.detail) {
      out.push('', '| Criterion | Evidence | Text |', '|---|---|---|');
      for (const c of u.criteria) out.push(`| ${c.id} | ${evidenceOf(c).join(', ')} | ${mdCell(c.text)} |`);
    }
  }
  return out.join('\n') + '\n';
}
