/**
 * The assessment file of a portfolio, `.assessment.yaml` at its root: the assessor's decision per criterion
 * (accepted / not yet / referred), who, when, an optional reason and, for an acceptance, the digest of the
 * citing accounts' evidence at that moment (core/accounts/evidenceDigest.ts). Validated against
 * schemas/assessment.schema.json (the same schema VS Code uses to check the file as it is edited).
 *
 *     # Assessor decisions for this portfolio (Reflective Accounts).
 *     version: 1
 *     decisions:
 *       LMCA5/P6:
 *         decision: accepted
 *         by: J Smith
 *         at: 2026-12-06T17:50:00Z
 *         evidence: 1a2b3c4d
 *
 * Pure; never throws. A malformed file gives problems naming the line, and the decisions that are valid are
 * still read, so coverage and the rest keep working.
 */
import type Ajv from 'ajv';
import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import schema from '../../../../schemas/assessment.schema.json';

export const ASSESSMENT_FILE = '.assessment.yaml';

export type DecisionKind = 'accepted' | 'not-yet' | 'referred';
export const DECISION_KINDS: readonly DecisionKind[] = ['accepted', 'not-yet', 'referred'];

export interface Decision {
  /** Canonical criterion: LMCA5/P6. */
  criterion: string;
  decision: DecisionKind;
  by: string;
  at: string;
  reason?: string;
  /** Digest of the citing accounts at the decision. */
  evidence?: string;
}

export interface AssessmentProblem {
  /** 1-based line in the file. */
  line: number;
  message: string;
}

export interface Assessment {
  /** Keyed by criterion as written, upper-cased with spaces removed: LMCA5/P6. */
  decisions: Map<string, Decision>;
  problems: AssessmentProblem[];
}

/** The key a criterion has in the file and in `Assessment.decisions`. */
export function criterionKey(unit: string, id: string): string {
  return `${unit}/${id}`.toUpperCase().replace(/\s+/g, '');
}

export function decisionLabel(kind: DecisionKind): string {
  return kind === 'accepted' ? 'accepted' : kind === 'not-yet' ? 'not yet' : 'referred';
}

type Validator = ReturnType<Ajv['compile']>;
let compiled: Validator | undefined;
function validator(): Validator {
  // Required here, not imported: a portfolio without an assessment file never loads ajv.
  const AjvClass = (require('ajv') as { default: typeof Ajv }).default;
  if (!compiled) compiled = new AjvClass({ allErrors: true, strict: false }).compile(schema);
  return compiled;
}

function lineAt(counter: LineCounter, offset: number | undefined): number {
  return offset === undefined ? 1 : counter.linePos(offset).line;
}

/** The line of the value at a JSON pointer, for messages; the nearest existing parent's when it is missing. */
function lineOfPointer(doc: Document, counter: LineCounter, pointer: string): number {
  const path = pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    if (node && typeof node === 'object' && node.range) {
      // A key's own line reads better than its value's when the value is a nested map.
      if (n > 0 && isMap(doc.getIn(path.slice(0, n - 1), true))) {
        const parent = doc.getIn(path.slice(0, n - 1), true);
        const pair = isMap(parent)
          ? parent.items.find((it) => isScalar(it.key) && String(it.key.value) === path[n - 1])
          : undefined;
        if (pair && isScalar(pair.key) && pair.key.range) return lineAt(counter, pair.key.range[0]);
      }
      return lineAt(counter, node.range[0]);
    }
  }
  return 1;
}

function describe(error: {
  instancePath: string;
  message?: string;
  params?: Record<string, unknown>;
  keyword: string;
}): string {
  const where = error.instancePath
    ? error.instancePath
        .slice(1)
        .split('/')
        .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
        .join(' → ')
    : 'the file';
  if (error.keyword === 'enum')
    return `${where}: must be one of ${(error.params?.allowedValues as string[]).join(', ')}`;
  if (error.keyword === 'additionalProperties')
    return `${where}: unexpected field "${String(error.params?.additionalProperty)}"`;
  if (error.keyword === 'propertyNames')
    return `${where}: "${String(error.params?.propertyName)}" is not a criterion like LMCA5/P6`;
  return `${where}: ${error.message ?? 'is not valid'}`;
}

/** Reads an assessment file. Empty text is a file with no decisions. */
export function parseAssessment(text: string): Assessment {
  const decisions = new Map<string, Decision>();
  const problems: AssessmentProblem[] = [];
  if (typeof text !== 'string' || text.trim() === '') return { decisions, problems };
  const counter = new LineCounter();
  let doc: Document;
  try {
    doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  } catch (e) {
    return { decisions, problems: [{ line: 1, message: `The assessment file could not be read: ${String(e)}` }] };
  }
  if (doc.errors.length > 0) {
    for (const e of doc.errors)
      problems.push({ line: lineAt(counter, e.pos[0]), message: `Not valid YAML: ${e.message.split('\n')[0]}` });
    return { decisions, problems };
  }
  let data: unknown;
  try {
    data = doc.toJS();
  } catch (e) {
    return {
      decisions,
      problems: [
        { line: 1, message: `The assessment file could not be read: ${e instanceof Error ? e.message : String(e)}` },
      ],
    };
  }
  if (data === null || data === undefined) return { decisions, problems };
  const validate = validator();
  const bad = new Set<string>();
  if (!validate(data)) {
    for (const error of validate.errors ?? []) {
      // A bad key is reported twice: by the pattern inside propertyNames (without the key) and by propertyNames.
      if (error.schemaPath.includes('/propertyNames/')) continue;
      const pointer =
        error.keyword === 'propertyNames'
          ? `${error.instancePath}/${String(error.params?.propertyName).replace(/~/g, '~0').replace(/\//g, '~1')}`
          : error.instancePath;
      problems.push({ line: lineOfPointer(doc, counter, pointer), message: describe(error) });
      const parts = pointer.split('/');
      if (parts[1] === 'decisions' && parts[2] !== undefined) bad.add(parts[2].replace(/~1/g, '/').replace(/~0/g, '~'));
      else if (parts.length <= 2) return { decisions, problems: dedupe(problems) };
    }
  }
  const raw = (data as { decisions?: Record<string, Omit<Decision, 'criterion'>> }).decisions ?? {};
  for (const [key, value] of Object.entries(raw)) {
    if (bad.has(key)) continue;
    const criterion = criterionKey(key.split('/')[0], key.split('/')[1]);
    const decision: Decision = { criterion, decision: value.decision, by: value.by, at: value.at };
    if (value.reason !== undefined) decision.reason = value.reason;
    if (value.evidence !== undefined) decision.evidence = value.evidence;
    decisions.set(criterion, decision);
  }
  return { decisions, problems: dedupe(problems) };
}

function dedupe(problems: AssessmentProblem[]): AssessmentProblem[] {
  const seen = new Set<string>();
  return problems
    .filter((p) => !seen.has(`${p.line}:${p.message}`) && seen.add(`${p.line}:${p.message}`))
    .sort((a, b) => a.line - b.line);
}

const HEADER =
  '# Assessor decisions for this portfolio, written by Reflective Accounts when an assessor records one.\n' +
  '# Safe to edit by hand: see schemas/assessment.schema.json.\n';

export type SetDecisionResult = { text: string } | { error: string };

/**
 * The file's text with one criterion's decision set (or cleared when `decision` is undefined), keeping the rest
 * of the file, its comments included, as it was. Refuses, rather than overwrite, a file that is not valid YAML.
 */
export function setDecision(
  text: string,
  criterion: string,
  decision: Omit<Decision, 'criterion'> | undefined,
): SetDecisionResult {
  const key = criterionKey(criterion.split('/')[0] ?? '', criterion.split('/')[1] ?? '');
  const source = typeof text === 'string' && text.trim() !== '' ? text : HEADER + 'version: 1\ndecisions: {}\n';
  const counter = new LineCounter();
  const doc = parseDocument(source, { lineCounter: counter, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      error: `${ASSESSMENT_FILE} line ${lineAt(counter, doc.errors[0].pos[0])} is not valid YAML; fix it before recording decisions`,
    };
  }
  if (doc.contents === null || !isMap(doc.contents)) {
    if (doc.contents !== null && !(isScalar(doc.contents) && doc.contents.value === null)) {
      return { error: `${ASSESSMENT_FILE} is not a map of decisions; fix it before recording decisions` };
    }
    doc.contents = doc.createNode({ version: 1, decisions: {} }) as unknown as typeof doc.contents;
  }
  if (!doc.has('decisions') || !isMap(doc.get('decisions', true))) doc.set('decisions', doc.createNode({}));
  const decisions = doc.get('decisions', true);
  if (isMap(decisions)) decisions.flow = false;
  if (decision === undefined) doc.deleteIn(['decisions', key]);
  else {
    const value: Record<string, string> = { decision: decision.decision, by: decision.by, at: decision.at };
    if (decision.reason) value.reason = decision.reason;
    if (decision.evidence) value.evidence = decision.evidence;
    doc.setIn(['decisions', key], doc.createNode(value));
    sortDecisions(doc);
  }
  return { text: doc.toString({ lineWidth: 0 }) };
}

/** Decisions in criterion order (unit, then P before K, then number), so diffs of the file stay small. */
function sortDecisions(doc: Document): void {
  const decisions = doc.get('decisions', true);
  if (!isMap(decisions)) return;
  const order = (k: unknown) => {
    const m = /^(.*)\/([PK])(\d+)$/.exec(String(k));
    return m ? ([m[1], m[2] === 'P' ? 0 : 1, Number(m[3])] as const) : ([String(k), 2, 0] as const);
  };
  decisions.items.sort((a, b) => {
    const x = order(isScalar(a.key) ? a.key.value : a.key);
    const y = order(isScalar(b.key) ? b.key.value : b.key);
    return x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : x[1] - y[1] || x[2] - y[2];
  });
}

/** The moment of a decision as the file stores it: 2026-12-06T17:50:00Z. */
export function decisionTime(date: Date): string {
  return date.toISOString().slice(0, 19) + 'Z';
}
