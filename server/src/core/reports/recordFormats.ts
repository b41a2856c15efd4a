/**
 * Evidence records rendered for assessors: Markdown (to read or paste), CSV (RFC 4180 via csv-stringify,
 * UTF-8 with a byte order mark so Excel reads the accents and curly quotes right), HTML (print-ready: one
 * unit per page, repeated table headers, A4), JSON (for other tools).
 */
import { stringify } from 'csv-stringify/sync';
import { rowsBySection, type EvidenceRecord } from './record';
import { kindName } from '../standards/standards';
import { REVIEW_CSV_HEADER, reviewCell, reviewCsvCells, reviewSummary } from '../review/recordReview';

export type RecordFormat = 'markdown' | 'csv' | 'html' | 'json';
export const RECORD_FORMATS: readonly RecordFormat[] = ['markdown', 'csv', 'html', 'json'];

function mdCell(s: string): string {
  return s
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/[\r\n]+/g, ' ');
}

function flags(r: EvidenceRecord): string[] {
  const out: string[] = [];
  if (!r.unit.codeConfirmed) out.push('code unconfirmed');
  if (r.unit.titleDerived) out.push('title derived from the overview');
  return out;
}

function summaryLine(r: EvidenceRecord): string {
  return (
    `${r.summary.P.covered} of ${r.summary.P.total} performance criteria and ` +
    `${r.summary.K.covered} of ${r.summary.K.total} knowledge points met ` +
    `(a criterion is met when cited in at least ${r.minimumEvidence} account${r.minimumEvidence === 1 ? '' : 's'}).`
  );
}

const SIGN_OFF = [
  "Candidate's name",
  "Candidate's signature",
  'Date submitted to assessor as complete',
  "Assessor's name",
  "Assessor's signature",
  'Date assessed complete',
];

export function renderRecordMarkdown(r: EvidenceRecord): string {
  const out: string[] = [];
  out.push(`# Evidence record: ${r.unit.code} — ${mdCell(r.unit.title)}`, '');
  const f = flags(r);
  if (f.length) out.push(`*${f.join('; ')}*`, '');
  out.push(`Portfolio: ${mdCell(r.portfolio)}  `, `Date: ${r.date}`, '', `**Summary:** ${summaryLine(r)}`, '');
  if (r.review) out.push(`**Assessment:** ${reviewSummary(r.review)}`, '');
  const decided = r.review ? ' Assessor decision |' : '';
  for (const kind of ['P', 'K'] as const) {
    out.push(`## ${kind === 'P' ? 'Performance criteria' : 'Knowledge and understanding'}`, '');
    for (const g of rowsBySection(r.rows).filter((x) => x.kind === kind)) {
      out.push(
        `### ${mdCell(g.section)}`,
        '',
        `| ${kind} | ${kind === 'P' ? 'Performance criterion' : 'Knowledge point'} | Evidence number |${decided}`,
        `|---|---|---|${r.review ? '---|' : ''}`,
      );
      for (const row of g.rows)
        out.push(
          `| ${row.id} | ${mdCell(row.text)} | ${row.evidence.join(', ')} |${r.review ? ` ${mdCell(reviewCell(row.review))} |` : ''}`,
        );
      out.push('');
    }
  }
  out.push('## Accounts in this portfolio', '', '| Evidence | Title | File |', '|---|---|---|');
  for (const a of r.accounts) out.push(`| ${mdCell(a.evidence)} | ${mdCell(a.title)} | ${mdCell(a.file)} |`);
  out.push('', '## Sign-off', '', '| | |', '|---|---|');
  for (const s of SIGN_OFF) out.push(`| ${s} | |`);
  return out.join('\n') + '\n';
}

export const CSV_HEADER = ['Unit', 'Kind', 'Criterion', 'Section', 'Text', 'Evidence number', 'State'];

/** One row per criterion; the BOM goes in front so Excel opens the file as UTF-8. */
export function renderRecordCsv(r: EvidenceRecord): string {
  const review = r.review;
  const rows = r.rows.map((row) => [
    r.unit.code,
    kindName(row.kind),
    row.id,
    row.section,
    row.text,
    row.evidence.join(', '),
    row.state,
    ...(review ? reviewCsvCells(row.review, review.openThreads) : []),
  ]);
  const header = review ? [...CSV_HEADER, ...REVIEW_CSV_HEADER] : CSV_HEADER;
  return '\uFEFF' + stringify([header, ...rows], { record_delimiter: '\r\n' });
}

export function renderRecordJson(r: EvidenceRecord): string {
  return JSON.stringify(r, null, 2) + '\n';
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const PRINT_CSS = `
@page { size: A4; margin: 15mm 12mm; }
body { font: 10.5pt/1.35 "Segoe UI", "Helvetica Neue", Arial, sans-serif; color: #111; margin: 0; }
.unit { break-after: page; }
.unit:last-child { break-after: auto; }
h1 { font-size: 16pt; margin: 0 0 4pt; } h2 { font-size: 13pt; margin: 14pt 0 4pt; }
.meta, .flags { color: #444; margin: 2pt 0; } .flags { font-style: italic; }
table { width: 100%; border-collapse: collapse; margin: 4pt 0 10pt; }
thead { display: table-header-group; } tr { break-inside: avoid; }
th, td { border: 1px solid #888; padding: 3pt 5pt; vertical-align: top; text-align: left; }
th { background: #e8e8e8; } td.id { width: 3.2em; font-weight: 600; } td.ev { width: 9em; }
tr.section td { background: #f4f4f4; font-weight: 600; }
tr.missing td.ev::after { content: "—"; color: #999; }
.signoff td { height: 18pt; } .signoff th { width: 40%; }
@media screen { body { max-width: 210mm; margin: 1em auto; padding: 0 1em; } }
`;

/** Only for records that carry the review, so records of unreviewed portfolios stay as they were. */
const REVIEW_CSS = `td.review { width: 11em; } tr.accepted td.review { font-weight: 600; } tr.changed td.review { font-style: italic; }
`;

function htmlTable(r: EvidenceRecord, kind: 'P' | 'K'): string {
  const head =
    `<thead><tr><th>${kind}</th><th>${kind === 'P' ? 'Performance criterion' : 'Knowledge point'}</th><th>Evidence number</th>` +
    `${r.review ? '<th>Assessor decision</th>' : ''}</tr></thead>`;
  const columns = r.review ? 4 : 3;
  const body = rowsBySection(r.rows)
    .filter((g) => g.kind === kind)
    .map(
      (g) =>
        `<tr class="section"><td colspan="${columns}">${escapeHtml(g.section)}</td></tr>` +
        g.rows
          .map(
            (row) =>
              `<tr class="${row.evidence.length ? 'met' : 'missing'}${row.review ? ` ${row.review.state}` : ''}" id="${escapeHtml(r.unit.code)}-${row.id}">` +
              `<td class="id">${row.id}</td><td>${escapeHtml(row.text)}</td><td class="ev">${escapeHtml(row.evidence.join(', '))}</td>` +
              `${r.review ? `<td class="review">${escapeHtml(reviewCell(row.review))}</td>` : ''}</tr>`,
          )
          .join('\n'),
    )
    .join('\n');
  return `<table>${head}<tbody>\n${body}\n</tbody></table>`;
}

/** One section per unit so several records can be joined into one printable file. */
export function renderRecordHtmlSection(r: EvidenceRecord): string {
  const f = flags(r);
  return `<section class="unit">
<h1>Evidence record: ${escapeHtml(r.unit.code)} — ${escapeHtml(r.unit.title)}</h1>
${f.length ? `<p class="flags">${escapeHtml(f.join('; '))}</p>` : ''}
<p class="meta">Portfolio: ${escapeHtml(r.portfolio)} · Date: ${escapeHtml(r.date)}</p>
<p class="summary"><strong>Summary:</strong> ${escapeHtml(summaryLine(r))}</p>
${r.review ? `<p class="assessment"><strong>Assessment:</strong> ${escapeHtml(reviewSummary(r.review))}</p>\n` : ''}<h2>Performance criteria</h2>
${htmlTable(r, 'P')}
<h2>Knowledge and understanding</h2>
${htmlTable(r, 'K')}
<h2>Accounts in this portfolio</h2>
<table><thead><tr><th>Evidence</th><th>Title</th><th>File</th></tr></thead><tbody>
${r.accounts.map((a) => `<tr><td>${escapeHtml(a.evidence)}</td><td>${escapeHtml(a.title)}</td><td>${escapeHtml(a.file)}</td></tr>`).join('\n')}
</tbody></table>
<h2>Sign-off</h2>
<table class="signoff"><tbody>
${SIGN_OFF.map((s) => `<tr><th>${escapeHtml(s)}</th><td></td></tr>`).join('\n')}
</tbody></table>
</section>`;
}

export function renderRecordHtml(records: readonly EvidenceRecord[]): string {
  const title = records.map((r) => r.unit.code).join(', ');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Evidence record ${escapeHtml(title)}</title>
<style>${PRINT_CSS}${records.some((r) => r.review) ? REVIEW_CSS : ''}</style></head>
<body>
${records.map(renderRecordHtmlSection).join('\n')}
</body></html>
`;
}

export function renderRecord(r: EvidenceRecord, format: RecordFormat): string {
  switch (format) {
    case 'markdown':
      return renderRecordMarkdown(r);
    case 'csv':
      return renderRecordCsv(r);
    case 'html':
      return renderRecordHtml([r]);
    case 'json':
      return renderRecordJson(r);
  }
}
