/**
 * The rows kept from the first bench, informational now: time to all diagnostics with every account open
 * (10, 100 and 1,000 accounts; the Markdown server at 1,000), edit → diagnostics at 10 and 1,000 accounts,
 * and completion and hover with the seed catalogue and with 50,000 criteria. Opening all 5,000 accounts of a
 * portfolio at once, which no editor does, is no longer measured.
 */
import type { ensureCorpora } from './generate';
import { median } from './lib/stats';
import { infoRow, mbytes, ms, type Row } from './lib/table';
import {
  editLatency,
  editorLatency,
  readWorkspace,
  start,
  timeToAllDiagnostics,
  type DiagnosticsRun,
  type ServerSetup,
} from './scenarios';

const SIZES = [10, 100, 1000] as const;
const progress = (m: string) => process.stderr.write(`[bench] ${m}\n`);

interface Config {
  reps: number;
  requests: number;
  edits: number;
}

async function allDiagnostics(setup: ServerSetup, dir: string, edits: number) {
  const ws = readWorkspace(dir);
  const o = await start(setup, ws.root);
  try {
    const run = await timeToAllDiagnostics(o, setup, ws);
    const edit = edits > 0 ? await editLatency(o, ws.docs[0].uri, edits) : undefined;
    return { run, rss: o.session.peakRss(), edit };
  } finally {
    await o.session.close();
  }
}

/** Ratio of ours to a baseline, shown without a target. */
const ratioRow = (metric: string, ours: number, peer: number, peerLabel: string): Row => ({
  ...infoRow(metric, ms(ours), `${ms(peer)} (${peerLabel})`),
  ratio: ours / peer,
});

export async function editorRows(
  ours: ServerSetup,
  markdownServer: ServerSetup,
  corpora: ReturnType<typeof ensureCorpora>,
  config: Config,
) {
  const dirOf = (n: number) => corpora.portfolios.get(n)!.dir;
  const runs = new Map<number, DiagnosticsRun[]>();
  const rss = new Map<number, number>();
  const edits = new Map<number, NonNullable<Awaited<ReturnType<typeof allDiagnostics>>['edit']>>();
  const peer: Array<{ run: DiagnosticsRun; rss: number }> = [];
  for (const n of SIZES) {
    for (let r = 0; r < (n === 1000 ? config.reps : 1); r++) {
      const m = await allDiagnostics(ours, dirOf(n), r === 0 && n !== 100 ? config.edits : 0);
      runs.set(n, [...(runs.get(n) ?? []), m.run]);
      rss.set(n, Math.max(rss.get(n) ?? 0, m.rss));
      if (m.edit) edits.set(n, m.edit);
      if (n === 1000) peer.push(await allDiagnostics(markdownServer, dirOf(n), 0));
    }
    progress(`all diagnostics, ${n} open accounts: ${ms(median(runs.get(n)!.map((r) => r.ms)))}`);
  }
  const seedLat = await editorLatency(ours, readWorkspace(dirOf(100)), config.requests);
  const largeLat = await editorLatency(ours, readWorkspace(corpora.large.dir), config.requests);
  progress(`completion p95 ${ms(seedLat.completion.p95)} (seed), ${ms(largeLat.completion.p95)} (50,000 criteria)`);

  const diag1000 = median(runs.get(1000)!.map((r) => r.ms));
  const peerDiag = median(peer.map((p) => p.run.ms));
  const rows: Row[] = [
    ratioRow('time to all diagnostics, 1,000 open accounts (median)', diag1000, peerDiag, 'Markdown LS'),
    ratioRow(
      'completion p95, 50,000 criteria vs seed catalogue',
      largeLat.completion.p95,
      seedLat.completion.p95,
      'seed',
    ),
    ratioRow(
      'edit → diagnostics median, 1,000 vs 10 open accounts',
      edits.get(1000)!.median,
      edits.get(10)!.median,
      '10',
    ),
    infoRow(
      'peak RSS, 1,000 open accounts',
      mbytes(rss.get(1000)!),
      `${mbytes(Math.max(...peer.map((p) => p.rss)))} (Markdown LS)`,
    ),
  ];
  for (const n of SIZES)
    rows.push(
      infoRow(
        `  time to all diagnostics, ${n.toLocaleString('en')} open accounts`,
        `${ms(median(runs.get(n)!.map((r) => r.ms)))} (${runs.get(n)![0].diagnostics} diags)`,
      ),
    );
  rows.push(
    infoRow(
      '  edit → diagnostics p95, 10 / 1,000 open accounts',
      `${ms(edits.get(10)!.lat.p95)} / ${ms(edits.get(1000)!.lat.p95)}`,
    ),
  );
  for (const [label, lat] of [
    ['seed', seedLat],
    ['50,000 criteria', largeLat],
  ] as const) {
    rows.push(
      infoRow(
        `  completion p50/p95/p99, ${label}`,
        [lat.completion.p50, lat.completion.p95, lat.completion.p99].map(ms).join(' / '),
      ),
      infoRow(`  hover p50/p95/p99, ${label}`, [lat.hover.p50, lat.hover.p95, lat.hover.p99].map(ms).join(' / ')),
    );
  }
  const sanity: Array<[string, boolean]> = [
    [
      'completion after LMCA5/ returns criteria',
      seedLat.itemsByKind['after-slash'] > 0 && largeLat.itemsByKind['after-slash'] > 0,
    ],
    [
      `fuzzy completion returns criteria${seedLat.empty.length ? ` (none for: ${seedLat.empty.join(' | ')})` : ''}`,
      seedLat.empty.length === 0,
    ],
    ['unit prefix completion returns units', seedLat.itemsByKind['unit-prefix'] > 0],
    ['hovers on citations have content', seedLat.hoversWithContent >= 90],
    ['diagnostics found in the 1,000 accounts', runs.get(1000)![0].diagnostics > 0],
  ];
  return {
    rows,
    sanity,
    record: { runs: Object.fromEntries(runs), peer, edits: Object.fromEntries(edits), seedLat, largeLat },
  };
}
