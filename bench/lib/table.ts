/** The results table: one row per metric, with our figure, the peer's (or the baseline's), ratio and target. */

export interface Row {
  metric: string;
  ours: string;
  peer: string;
  ratio?: number;
  /** "≤ 0.5×" and the like; empty for informational rows. */
  target?: string;
  pass?: boolean;
}

export interface Target {
  label: string;
  ok: (ratio: number) => boolean;
}

export const atMost = (x: number): Target => ({ label: `≤ ${x}×`, ok: (r) => Number.isFinite(r) && r <= x });
export const atLeast = (x: number): Target => ({ label: `≥ ${x}×`, ok: (r) => Number.isFinite(r) && r >= x });

export function targetRow(metric: string, ours: string, peer: string, ratio: number, target: Target): Row {
  return { metric, ours, peer, ratio, target: target.label, pass: target.ok(ratio) };
}

export function infoRow(metric: string, ours: string, peer = ''): Row {
  return { metric, ours, peer };
}

export const ms = (x: number) =>
  Number.isFinite(x) ? (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2)) + ' ms' : 'n/a';
export const mbps = (x: number) => (Number.isFinite(x) ? x.toFixed(1) + ' MB/s' : 'n/a');
export const mbytes = (bytes: number) => (bytes / 1e6).toFixed(1) + ' MB';
/** A file size: "23 KB" below a megabyte, "1.0 MB" from there. */
export const fileSize = (bytes: number) => (bytes < 1e6 ? `${Math.round(bytes / 1e3)} KB` : mbytes(bytes));

function cells(r: Row): string[] {
  const verdict = r.pass === undefined ? '' : r.pass ? 'pass' : 'FAIL';
  return [r.metric, r.ours, r.peer, r.ratio === undefined ? '' : `${r.ratio.toFixed(2)}×`, r.target ?? '', verdict];
}

const HEADER = ['metric', 'ours', 'peer / baseline', 'ratio', 'target', 'result'];

export function renderText(rows: readonly Row[]): string {
  const table = [HEADER, ...rows.map(cells)];
  const widths = HEADER.map((_, i) => Math.max(...table.map((r) => r[i].length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [line(table[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...table.slice(1).map(line)].join('\n');
}

export function renderMarkdown(rows: readonly Row[]): string {
  const esc = (c: string) => c.replace(/\|/g, '\\|');
  return [
    `| ${HEADER.join(' | ')} |`,
    `|${HEADER.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${cells(r).map(esc).join(' | ')} |`),
  ].join('\n');
}
