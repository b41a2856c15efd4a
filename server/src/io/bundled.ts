/**
 * The five bundled units, embedded in the server and CLI bundles by esbuild so that nothing is read from
 * disk at start-up. Regenerate them with `npm run standards` (scripts/build-standards.ts).
 */
import LMCA4 from '../../../standards/LMCA4.json';
import LMCA5 from '../../../standards/LMCA5.json';
import LMCB2 from '../../../standards/LMCB2.json';
import LMCB5 from '../../../standards/LMCB5.json';
import LMCQ1 from '../../../standards/LMCQ1.json';
import type { UnitData, UnitSource } from '../core';

export function bundledUnits(): UnitSource[] {
  return [LMCA4, LMCA5, LMCB2, LMCB5, LMCQ1].map((data) => ({ origin: 'bundled', data: data as UnitData }));
}
