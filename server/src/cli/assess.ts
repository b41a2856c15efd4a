/**
 * `assess FOLDER --unit X [--accept P6 …] [--not-yet K3 …] [--refer P9 …] [--clear P6 …] --by NAME [--reason TEXT]`:
 * records an assessor's decisions in the portfolio's `.assessment.yaml` (created when missing, its comments and
 * other decisions kept). Without a decision flag it writes nothing and lists the unit's decisions and states.
 * Accepting stores a digest of the citing accounts, so a later edit shows as "changed since accepted".
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  citingDigest,
  computeCoverage,
  criterionKey,
  decisionLabel,
  decisionTime,
  reviewStateLabel,
  setDecision,
  type DecisionKind,
} from '../core';
import { folderArg, loadAll, settingsFrom, UsageError, type CliArgs, type Out } from './common';
import { loadReview } from './review';

export interface AssessValues {
  accept?: string[];
  'not-yet'?: string[];
  refer?: string[];
  clear?: string[];
  by?: string;
  reason?: string;
}

/** Criterion ids from repeated flags, each of which may be a comma list: --accept P6,P7 --accept K3. */
function ids(list: string[] | undefined): string[] {
  return (list ?? [])
    .flatMap((s) => s.split(','))
    .map((s) => s.trim().toUpperCase().replace(/^PC/, 'P'))
    .filter(Boolean);
}

export async function runAssess(args: CliArgs, out: Out): Promise<number> {
  const values = args.values as CliArgs['values'] & AssessValues;
  if (!values.unit) throw new UsageError('assess needs --unit X');
  const folder = folderArg(args.positionals);
  const settings = settingsFrom(values);
  const loaded = await loadAll(folder, settings, out, { digests: true });
  const { catalog, portfolio } = loaded;
  const code = catalog.resolve(values.unit);
  if (!code) throw new UsageError(`unknown unit ${values.unit}`);
  const coverage = computeCoverage(catalog, portfolio, settings.minimumEvidence);
  const review = loadReview(folder, loaded, coverage, out);
  const unit = coverage.units.find((u) => u.code === code);
  const actions: Array<[DecisionKind | undefined, string]> = [
    ...ids(values.accept).map((id) => ['accepted', id] as [DecisionKind, string]),
    ...ids(values['not-yet']).map((id) => ['not-yet', id] as [DecisionKind, string]),
    ...ids(values.refer).map((id) => ['referred', id] as [DecisionKind, string]),
    ...ids(values.clear).map((id) => [undefined, id] as [undefined, string]),
  ];
  if (actions.length === 0) {
    if (!unit)
      throw new UsageError(`${code} is not in scope in ${path.basename(folder)}: no account lists or cites it`);
    const r = review.unit(code)!;
    out.stdout(
      `${code}: ${r.accepted} accepted, ${r.changed} changed since accepted; ${review.openThreads} open review threads\n`,
    );
    for (const c of unit.criteria) {
      const cr = r.criteria.get(c.id)!;
      if (!cr.decision) continue;
      out.stdout(
        `${c.id}  ${reviewStateLabel(cr.state)}  ${decisionLabel(cr.decision.decision)} by ${cr.decision.by} at ${cr.decision.at}` +
          `${cr.decision.reason ? ` — ${cr.decision.reason}` : ''}\n`,
      );
    }
    return 0;
  }
  const by = values.by?.trim();
  if (!by && actions.some(([kind]) => kind)) throw new UsageError('assess needs --by NAME: who decided');
  if (
    review.text !== undefined &&
    review.assessment.problems.length > 0 &&
    /Not valid YAML|could not be read/.test(review.assessment.problems[0].message)
  ) {
    throw new UsageError(
      `${review.file} line ${review.assessment.problems[0].line} is not valid YAML; fix it before recording decisions`,
    );
  }
  let text = review.text ?? '';
  const at = decisionTime(new Date());
  for (const [kind, id] of actions) {
    const criterion = unit?.criteria.find((c) => c.id === id) ?? catalog.unit(code)?.criteria.find((c) => c.id === id);
    if (!criterion) throw new UsageError(`${code} has no criterion ${id}`);
    const cited = unit?.criteria.find((c) => c.id === id);
    if (kind === 'accepted' && (!cited || cited.citations.length === 0)) {
      throw new UsageError(`${code}/${id} is not cited in any account of ${path.basename(folder)}: nothing to accept`);
    }
    const decision =
      kind === undefined
        ? undefined
        : {
            decision: kind,
            by: by!,
            at,
            ...(values.reason ? { reason: values.reason } : {}),
            ...(kind === 'accepted' ? { evidence: citingDigest(cited!, loaded.citing) } : {}),
          };
    const next = setDecision(text, criterionKey(code, id), decision);
    if ('error' in next) throw new UsageError(next.error);
    text = next.text;
    out.stderr(kind ? `${code}/${id}: ${decisionLabel(kind)} by ${by}\n` : `${code}/${id}: decision cleared\n`);
  }
  fs.writeFileSync(review.file, text);
  out.stderr(`wrote ${review.file}\n`);
  return 0;
}
