/**
 * Checks a user's unit JSON against standards/schema.json (ajv) plus the rules a schema cannot say:
 * ids match kind and number, numbers run 1..n without gaps or repeats. Pure: text in, unit or problems out.
 */
import type Ajv from 'ajv';
import schema from '../../../../standards/schema.json';
import type { UnitData } from './unit';

export interface UnitProblem {
  /** JSON path of the offending value, e.g. "/criteria/3/id"; "" for the whole document. */
  path: string;
  message: string;
}

let compiled: ReturnType<Ajv['compile']> | undefined;
function validator(): ReturnType<Ajv['compile']> {
  // Required here, not imported: only user units are validated, and a run without them starts without ajv.
  const AjvClass = (require('ajv') as { default: typeof Ajv }).default;
  if (!compiled) compiled = new AjvClass({ allErrors: true, strict: false }).compile(schema);
  return compiled;
}

function sequenceProblems(unit: UnitData): UnitProblem[] {
  const problems: UnitProblem[] = [];
  const seen = new Set<string>();
  const expected = { P: 1, K: 1 };
  unit.criteria.forEach((c, i) => {
    if (c.id !== `${c.kind}${c.number}`) problems.push({ path: `/criteria/${i}/id`, message: `id ${c.id} does not match kind ${c.kind} and number ${c.number}` });
    if (seen.has(c.id)) problems.push({ path: `/criteria/${i}/id`, message: `${c.id} appears more than once` });
    else if (c.number !== expected[c.kind]) problems.push({ path: `/criteria/${i}/number`, message: `expected ${c.kind}${expected[c.kind]} here, found ${c.id}` });
    seen.add(c.id);
    expected[c.kind] = Math.max(expected[c.kind], c.number + 1);
  });
  return problems;
}

export function validateUnitJson(text: string): { unit?: UnitData; problems: UnitProblem[] } {
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    return { problems: [{ path: '', message: `not valid JSON: ${(e as Error).message}` }] };
  }
  const validate = validator();
  if (!validate(value)) {
    return {
      problems: (validate.errors ?? []).map((e) => ({ path: e.instancePath, message: e.message ?? 'invalid' })),
    };
  }
  const unit = value as UnitData;
  const problems = sequenceProblems(unit);
  return problems.length ? { problems } : { unit, problems };
}
