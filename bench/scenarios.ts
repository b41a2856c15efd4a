/**
 * The editor measurements kept from the first bench (informational rows): time to all diagnostics with every
 * account open, edit latency, completion and hover. Each drives a real server process through bench/lib/lsp.ts
 * and treats both servers identically: same documents opened in the same order, same requests, same clock
 * (from `initialized` to the last answer).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  changeDoc,
  fileUri,
  openDoc,
  positionOf,
  pullDiagnostics,
  sendInitialized,
  startSession,
  withTimeout,
  type OpenDoc,
  type RequestHandler,
  type ServerSpec,
  type Session,
} from './lib/lsp';
import { latency, median, sleep, type Latency } from './lib/stats';

export interface Workspace {
  root: string;
  docs: OpenDoc[];
  bytes: number;
}

export function readWorkspace(root: string): Workspace {
  const files = fs
    .readdirSync(root)
    .filter((f) => f.endsWith('.md'))
    .sort();
  const docs = files.map((f) => ({
    uri: fileUri(path.join(root, f)),
    text: fs.readFileSync(path.join(root, f), 'utf8'),
    version: 1,
  }));
  const bytes = files.reduce((n, f) => n + fs.statSync(path.join(root, f)).size, 0);
  return { root, docs, bytes };
}

export interface ServerSetup {
  spec: ServerSpec;
  settings: Record<string, unknown>;
  initializationOptions?: unknown;
  /** Client-side request handlers, given the documents the client has open. */
  handlers?: (root: string, open: Map<string, OpenDoc>) => Record<string, RequestHandler>;
}

export interface OpenedSession {
  session: Session;
  open: Map<string, OpenDoc>;
}

export async function start(setup: ServerSetup, root: string): Promise<OpenedSession> {
  const open = new Map<string, OpenDoc>();
  const session = await startSession(setup.spec, {
    root,
    settings: setup.settings,
    initializationOptions: setup.initializationOptions,
    handlers: setup.handlers?.(root, open),
  });
  return { session, open };
}

export interface DiagnosticsRun {
  ms: number;
  /** CPU time the server process used meanwhile (user + system). */
  cpuMs: number;
  rounds: number;
  diagnostics: number;
  documents: number;
}

/**
 * Pulls diagnostics for every document until they are final: when the server asks for a refresh after it
 * has started answering a round, the answers may be stale, so (like VS Code) every document is pulled again;
 * the time is taken at the last answer of the last round. The settle wait itself is not counted.
 */
export async function pullUntilStable(
  s: Session,
  uris: readonly string[],
  t0: number,
  settleMs = 1000,
  maxRounds = 5,
): Promise<DiagnosticsRun> {
  let rounds = 0;
  let end = t0;
  let diagnostics = 0;
  for (;;) {
    let firstAnswer = Number.POSITIVE_INFINITY;
    const counts = await withTimeout(
      Promise.all(
        uris.map((u) =>
          pullDiagnostics(s, u).then((n) => {
            firstAnswer = Math.min(firstAnswer, performance.now());
            return n;
          }),
        ),
      ),
      300_000,
      `${s.name} diagnostics`,
    );
    end = performance.now();
    diagnostics = counts.reduce((a, b) => a + b, 0);
    rounds++;
    // Wait (uncounted unless a refresh comes) for a refresh that makes these answers stale; pull again at once.
    const stale = () => s.refreshes.some((t) => t >= firstAnswer);
    for (const deadline = end + settleMs; !stale() && performance.now() < deadline;) await sleep(10);
    if (rounds >= maxRounds || !stale()) break;
  }
  return { ms: end - t0, cpuMs: 0, rounds, diagnostics, documents: uris.length };
}

/** `initialized`, settings, open every account, pull diagnostics for every account: time to the last answer. */
export async function timeToAllDiagnostics(
  o: OpenedSession,
  setup: ServerSetup,
  ws: Workspace,
): Promise<DiagnosticsRun> {
  const cpu0 = o.session.cpuMs();
  const t0 = performance.now();
  await sendInitialized(o.session, setup.settings);
  for (const d of ws.docs) {
    const doc = { ...d };
    o.open.set(doc.uri, doc);
    await openDoc(o.session, doc);
  }
  const run = await pullUntilStable(
    o.session,
    ws.docs.map((d) => d.uri),
    t0,
  );
  return { ...run, cpuMs: o.session.cpuMs() - cpu0 };
}

/** Typing in one account: a citation inserted, then removed; time from didChange to its fresh diagnostics. */
export async function editLatency(
  o: OpenedSession,
  uri: string,
  edits: number,
): Promise<{ median: number; lat: Latency }> {
  const doc = o.open.get(uri)!;
  const anchor = doc.text.indexOf('.', doc.text.indexOf('\n## '));
  const insert = ' (LMCA5/P3)';
  const samples: number[] = [];
  for (let i = 0; i < edits + 3; i++) {
    const t = performance.now();
    if (i % 2 === 0) await changeDoc(o.session, doc, anchor, anchor, insert);
    else await changeDoc(o.session, doc, anchor, anchor + insert.length, '');
    await withTimeout(pullDiagnostics(o.session, uri), 60_000, 'edit diagnostics');
    if (i >= 3) samples.push(performance.now() - t); // the first edits warm the JIT
    await sleep(60); // a typist's pause, so each edit is measured on its own
  }
  return { median: median(samples), lat: latency(samples) };
}

/** Words a candidate might type after `LMCA5/` or `LMCB2/` instead of a number (taken from those units' texts). */
const FUZZY = [
  'indicat',
  'preferences',
  'progress tow',
  'culture',
  'wellbeing',
  'monitor',
  'targets',
  'professionals',
  'risk',
  'communication',
];

interface Probe {
  kind: 'after-slash' | 'list-comma' | 'fuzzy' | 'unit-prefix';
  offset: number;
}

/** Appends probe lines to the account and returns where completion is asked on each. */
function addProbes(text: string): { text: string; probes: Probe[] } {
  const lines: Array<[Probe['kind'], string]> = [
    ['after-slash', 'I agreed the targets with each lead (LMCA5/'],
    ['after-slash', 'We reviewed the rota together (LMCB2/'],
    ['list-comma', 'I checked the records (LMCA5/P1, '],
    ['unit-prefix', 'This also supports the unit LMC'],
    ['unit-prefix', 'and the full code SCDLMC'],
    ...FUZZY.map((q, i): [Probe['kind'], string] => ['fuzzy', `I met the team (${i % 2 ? 'LMCB2' : 'LMCA5'}/${q}`]),
  ];
  let out = text.replace(/\s*$/, '\n\n');
  const probes: Probe[] = [];
  for (const [kind, line] of lines) {
    out += line;
    probes.push({ kind, offset: out.length });
    out += '\n\n';
  }
  return { text: out, probes };
}

/** Offsets inside citations (units, items, list and range items) to hover on. */
function hoverOffsets(text: string): number[] {
  const body = text.indexOf('\n---', 3) + 4;
  const out: number[] = [];
  for (const m of text.slice(body).matchAll(/([A-Za-z0-9]+)\/([PK]\d+)(?:,\s?([PK]\d+))?/g)) {
    const at = body + m.index!;
    out.push(at + 1, at + m[1].length + 2);
    if (m[3]) out.push(at + m[0].length - 1);
  }
  return out;
}

export interface EditorLatency {
  completion: Latency;
  byKind: Record<string, Latency>;
  hover: Latency;
  itemsByKind: Record<string, number>;
  /** Probe lines whose completion came back empty. */
  empty: string[];
  hoversWithContent: number;
  readyMs: number;
  rss: number;
}

/** Completion and hover round trips on one open account of a workspace (sequential requests). */
export async function editorLatency(setup: ServerSetup, ws: Workspace, requests: number): Promise<EditorLatency> {
  const o = await start(setup, ws.root);
  try {
    const t0 = performance.now();
    await sendInitialized(o.session, setup.settings);
    const base = ws.docs[0];
    const probed = addProbes(base.text);
    const doc: OpenDoc = { uri: base.uri, text: probed.text, version: 1 };
    o.open.set(doc.uri, doc);
    await openDoc(o.session, doc);
    const ready = await pullUntilStable(o.session, [doc.uri], t0, 1500);
    const hovers = hoverOffsets(doc.text);
    const complete = (p: Probe) =>
      o.session.conn.sendRequest('textDocument/completion', {
        textDocument: { uri: doc.uri },
        position: positionOf(doc.text, p.offset),
        context: { triggerKind: 1 },
      });
    const hover = (off: number) =>
      o.session.conn.sendRequest('textDocument/hover', {
        textDocument: { uri: doc.uri },
        position: positionOf(doc.text, off),
      });
    const itemsByKind: Record<string, number> = {};
    const empty: string[] = [];
    for (const p of probed.probes) {
      const r: any = await complete(p);
      const n = Array.isArray(r) ? r.length : (r?.items?.length ?? 0);
      itemsByKind[p.kind] = Math.min(itemsByKind[p.kind] ?? Infinity, n);
      if (n === 0) empty.push(doc.text.slice(doc.text.lastIndexOf('\n', p.offset - 1) + 1, p.offset));
    }
    let hoversWithContent = 0;
    for (const off of hovers.slice(0, 40)) if ((await hover(off)) !== null) hoversWithContent++;
    const samples: number[] = [];
    const byKind: Record<string, number[]> = {};
    for (let i = 0; i < requests; i++) {
      const p = probed.probes[i % probed.probes.length];
      const t = performance.now();
      await complete(p);
      const ms = performance.now() - t;
      samples.push(ms);
      (byKind[p.kind] ??= []).push(ms);
    }
    const hoverSamples: number[] = [];
    for (let i = 0; i < requests; i++) {
      const t = performance.now();
      await hover(hovers[i % hovers.length]);
      hoverSamples.push(performance.now() - t);
    }
    return {
      completion: latency(samples),
      byKind: Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, latency(v)])),
      hover: latency(hoverSamples),
      itemsByKind,
      empty,
      hoversWithContent: Math.round((hoversWithContent / Math.min(40, hovers.length)) * 100),
      readyMs: ready.ms,
      rss: o.session.peakRss(),
    };
  } finally {
    await o.session.close();
  }
}
