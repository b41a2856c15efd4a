/**
 * What Insert Criterion… types at the cursor: the canonical `LMCA5/P3`, or just `P3` when the cursor already
 * follows `LMCA5/` or continues a list of that unit (`LMCA5/P1, `). Pure, decided with the core grammar itself.
 */
import { scanCitations, type UnitResolver } from '../../server/src/core';

export function insertionText(linePrefix: string, code: string, id: string, resolve: UnitResolver): string {
  const probe = linePrefix + id;
  const last = scanCitations(probe, resolve).at(-1);
  const continues =
    last !== undefined &&
    last.end === probe.length &&
    last.unitCode === code &&
    last.items[last.items.length - 1].start === linePrefix.length;
  if (continues) return id;
  // Right after a letter or digit the code would not be a whole token, so keep a space in between.
  const glue = /[A-Za-z0-9_]$/.test(linePrefix) ? ' ' : '';
  return `${glue}${code}/${id}`;
}
