/** `import SOURCE.txt [--code X] --out FILE.json [--force]`: a NOS text to unit JSON. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { importNos } from '../core';
import { UsageError, writeNewFile, type CliArgs, type Out } from './common';

export function runImport(args: CliArgs, out: Out): number {
  const source = args.positionals[1];
  if (!source) throw new UsageError('import needs a SOURCE.txt');
  if (!args.values.out) throw new UsageError('import needs --out FILE.json');
  let text: string;
  try {
    text = fs.readFileSync(source, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${source}: ${(e as Error).message}`);
  }
  const { unit, problems } = importNos(text, { code: args.values.code, sourceName: path.basename(source) });
  for (const p of problems) out.stderr(`warning: ${source}${p.line ? `:${p.line}` : ''}: ${p.message}\n`);
  if (!unit.code) throw new UsageError(`${source} names no unit code: pass --code X`);
  writeNewFile(args.values.out, JSON.stringify(unit, null, 2) + '\n', args.values.force);
  const p = unit.criteria.filter((c) => c.kind === 'P').length;
  out.stderr(
    `wrote ${args.values.out}: ${unit.code} with ${p} performance criteria and ${unit.criteria.length - p} knowledge points\n`,
  );
  return 0;
}
