/** The bundled NOS sources imported once each, shared by the importer's and the errata's tests. */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { importNos, ImportResult } from '../../server/src/core/standards/importer';
import type { UnitData } from '../../server/src/core/standards/unit';

export const SOURCES = path.resolve(__dirname, '../../standards/sources');
export const FILES = {
  LMCA5: '000_66b7cdd502e967f0.txt',
  LMCB2: '001_88b5daa4b8d0ef23.txt',
  LMCQ1: '002_504d4376afbcb533.txt',
  LMCB5: '003_1de483ecbc1e024e.txt',
  LMCA4: '004_f0f3b7b244cad745.txt',
} as const;
export type Code = keyof typeof FILES;

const cache = new Map<Code, ImportResult>();
export function imported(code: Code): ImportResult {
  let result = cache.get(code);
  if (!result) {
    const text = fs.readFileSync(path.join(SOURCES, FILES[code]), 'utf8');
    // 002 and 004 carry no code: it has to be supplied, as the build does.
    const options =
      code === 'LMCQ1' || code === 'LMCA4' ? { code, sourceName: FILES[code] } : { sourceName: FILES[code] };
    result = importNos(text, options);
    cache.set(code, result);
  }
  return result;
}

export function item(unit: UnitData, id: string) {
  const found = unit.criteria.find((c) => c.id === id);
  assert.ok(found, `${unit.code} has no ${id}`);
  return found;
}
