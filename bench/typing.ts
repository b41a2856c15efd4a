/**
 * Typing in a long account: the candidate's portfolio is open as the workspace folder, the long account and
 * two others in editors. In the middle of the long account the candidate types ` (LMCA5/Pnn)` one key at a
 * time, then takes it out again with one keystroke (undo), over and over.
 *
 * Per keystroke: `didChange` → the answer to the diagnostics pull VS Code sends for the changed document.
 * Per keystroke that changes what the account cites: `didChange` → the coverage panel's fresh data, i.e. the
 * server's `coverageDidChange` and then the answer to the coverage request the panel's store sends on it.
 * The store (bench/lib/coverageStore.ts) asks on every notification, as VS Code's client does, so the
 * coverage requests it sends while the candidate types weigh on the keystrokes too.
 * The typist pauses 120 ms between keys (brisk typing) and 300 ms after a key that changed the panel. The
 * server sends `coverageDidChange` at most every 250 ms, so a key that changes the panel right after another
 * key may wait up to 130 ms for the throttle: that is part of what the user sees, and is measured.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  changeDoc,
  fileUri,
  openDoc,
  pullDiagnostics,
  sendInitialized,
  startSession,
  withTimeout,
  type OpenDoc,
  type Session,
} from './lib/lsp';
import { COVERAGE_REQUEST, emulateCoverageStore } from './lib/coverageStore';
import { latency, sleep, type Latency } from './lib/stats';
import type { ServerSetup } from './scenarios';

const UNIT = 'LMCA5';
const KEY_PAUSE_MS = 120;
const PANEL_PAUSE_MS = 300;
const PANEL_TIMEOUT_MS = 10_000;

interface CoverageAnswer {
  portfolios: Array<{
    accounts: Array<{ uri: string }>;
    units: Array<{
      code: string;
      /** Each citation names an account by its index in `accounts`. */
      criteria: Array<{ id: string; kind: string; number: number; citations: Array<{ account: number }> }>;
    }>;
  }>;
}

export interface TypingRun {
  bytes: number;
  keystrokes: Latency;
  panel: Latency;
  /** Keystrokes that should have changed the panel and did not within PANEL_TIMEOUT_MS. */
  panelMissed: number;
  /** What was typed, for the report. */
  typed: string;
  /** Keystrokes sent in all (warm-up included), coverageDidChange notifications and coverage answers meanwhile. */
  keysSent: number;
  notifications: number;
  panelRequests: number;
}

/** Where to type: the end of the first plain paragraph line at or after the middle of the text. */
function typingPoint(text: string): number {
  for (let at = text.indexOf('\n', text.length >> 1); at >= 0; at = text.indexOf('\n', at + 1)) {
    const lineStart = text.lastIndexOf('\n', at - 1) + 1;
    const line = text.slice(lineStart, at);
    if (/^[A-Z]/.test(line) && line.endsWith('.')) return at - 1; // before the full stop
  }
  throw new Error('no paragraph to type in');
}

/** Criteria the account cites, as "LMCA5/P3", from the panel's data. */
function citedBy(answer: CoverageAnswer, uri: string): Set<string> {
  const out = new Set<string>();
  for (const p of answer.portfolios) {
    const index = p.accounts.findIndex((a) => decodeURIComponent(a.uri) === decodeURIComponent(uri));
    for (const u of p.units)
      for (const c of u.criteria) if (c.citations.some((x) => x.account === index)) out.add(`${u.code}/${c.id}`);
  }
  return out;
}

/**
 * A two-digit criterion the account does not cite yet (of UNIT if it has one), so that typing it changes the
 * panel. A pasted diploma cites most criteria of the bundled units, hence the search through all of them.
 */
function criterionToType(answer: CoverageAnswer, cited: Set<string>): string {
  const units = answer.portfolios
    .flatMap((p) => p.units)
    .sort((a, b) => Number(b.code === UNIT) - Number(a.code === UNIT));
  for (const u of units) {
    const fresh = u.criteria.find((c) => c.number >= 10 && !cited.has(`${u.code}/${c.id}`));
    if (fresh) return `${u.code}/${fresh.id}`;
  }
  throw new Error('the account cites every criterion: no keystroke could change the panel');
}

/** Criteria cited on the line holding `at`, to tell which keystrokes change the panel. */
function citationsAround(text: string, at: number): Set<string> {
  const line = text.slice(text.lastIndexOf('\n', at) + 1, text.indexOf('\n', at));
  return new Set([...line.matchAll(/([A-Za-z0-9]+)\/([PK]\d+)/g)].map((m) => `${m[1]}/${m[2]}`));
}

export async function typingInLongAccount(
  setup: ServerSetup,
  folder: string,
  file: string,
  cycles: number,
): Promise<TypingRun> {
  const open = new Map<string, OpenDoc>();
  const s: Session = await startSession(setup.spec, {
    root: folder,
    settings: setup.settings,
    handlers: setup.handlers?.(folder, open),
  });
  try {
    const others = fs
      .readdirSync(folder)
      .filter((f) => f.endsWith('.md') && path.join(folder, f) !== file)
      .sort()
      .slice(0, 2);
    const docs = [file, ...others.map((f) => path.join(folder, f))].map((f) => ({
      uri: fileUri(f),
      text: fs.readFileSync(f, 'utf8'),
      version: 1,
    }));
    const doc = docs[0];
    const store = emulateCoverageStore<CoverageAnswer>(s);
    await sendInitialized(s, setup.settings);
    for (const d of docs) {
      open.set(d.uri, d);
      await openDoc(s, d);
    }
    const first = await withTimeout(
      s.conn.sendRequest<CoverageAnswer>(COVERAGE_REQUEST, {}),
      120_000,
      'coverage once indexed',
    );
    const cited = citedBy(first, doc.uri);
    const typed = ` (${criterionToType(first, cited)})`;
    const at = typingPoint(doc.text);
    await withTimeout(pullDiagnostics(s, doc.uri), 60_000, 'first diagnostics');

    const keySamples: number[] = [];
    const panelSamples: number[] = [];
    let panelMissed = 0;
    /** One keystroke replacing [from, to) by `insert`; measured unless `warm`. */
    const keystroke = async (from: number, to: number, insert: string, warm: boolean) => {
      const before = citationsAround(doc.text, at);
      const t = performance.now();
      await changeDoc(s, doc, from, to, insert);
      const after = citationsAround(doc.text, at);
      const changesPanel =
        [...before].some((c) => !after.has(c) && !cited.has(c)) ||
        [...after].some((c) => !before.has(c) && !cited.has(c));
      const diagnostics = pullDiagnostics(s, doc.uri).then(() => performance.now() - t);
      // Fresh panel data: an answer to a request the store sent on a notification that came after the keystroke.
      const panel = changesPanel
        ? (async () => {
            const deadline = t + PANEL_TIMEOUT_MS;
            const fresh = () => {
              const notice = store.notified.find((n) => n >= t);
              return notice === undefined ? undefined : store.answers.find((a) => a.sentAt >= notice);
            };
            while (!fresh() && performance.now() < deadline) await sleep(1);
            return fresh() ? fresh()!.at - t : undefined;
          })()
        : Promise.resolve(undefined);
      const [keyMs, panelMs] = await withTimeout(Promise.all([diagnostics, panel]), 60_000, 'keystroke');
      if (!warm) {
        keySamples.push(keyMs);
        if (panelMs !== undefined) panelSamples.push(panelMs);
        else if (changesPanel) panelMissed++;
      }
      await sleep(changesPanel ? PANEL_PAUSE_MS : KEY_PAUSE_MS);
    };
    // The first cycle warms the JIT and is not counted.
    for (let cycle = 0; cycle <= cycles; cycle++) {
      for (let i = 0; i < typed.length; i++) await keystroke(at + i, at + i, typed[i], cycle === 0);
      await keystroke(at, at + typed.length, '', cycle === 0);
    }
    store.stop();
    return {
      bytes: Buffer.byteLength(doc.text),
      keystrokes: latency(keySamples),
      panel: latency(panelSamples),
      panelMissed,
      typed,
      keysSent: (cycles + 1) * (typed.length + 1),
      notifications: store.notified.length,
      panelRequests: store.answers.length,
    };
  } finally {
    await s.close();
  }
}
