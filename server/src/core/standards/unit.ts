/**
 * The shape of one National Occupational Standard ("unit") as shipped in standards/*.json
 * and as accepted from users (.standards/ folders, reflectiveAccounts.standardsPaths).
 * standards/schema.json describes exactly this shape; keep the two in step.
 */
import type { CriterionKind } from '../citations/items';

/** A criterion's kind is part of the citation grammar; units use the same two letters. */
export type { CriterionKind };

export interface CriterionData {
  /** "P1" or "K38": kind letter followed by the number, no padding. */
  id: string;
  kind: CriterionKind;
  number: number;
  /** Complete, exact text of the item (wrapped lines joined, layout noise removed). */
  text: string;
  /** The heading the item sits under in the standard ("Rights", "Your practice", ...). */
  section: string;
}

export interface GlossaryEntry {
  /** The defined term, e.g. "Key people"; empty when the paragraph defines nothing by name. */
  term: string;
  /** The whole paragraph as the standard words it. */
  text: string;
  /** Which scope/range block it came from. */
  scope: 'performance' | 'knowledge';
}

export interface UnitData {
  /** Short code, upper case, e.g. "LMCA5". */
  code: string;
  /** Other codes accepted for this unit, e.g. ["SCDLMCA5", "H7LP 04"]. */
  aliases: string[];
  title: string;
  /** True when the source carries no title and it was derived from the overview sentence. */
  titleDerived: boolean;
  /** False when the code could not be confirmed from the source or any other reference. */
  codeConfirmed: boolean;
  overview: string;
  /** File name of the NOS text this unit was imported from, if any. */
  source?: string;
  criteria: CriterionData[];
  glossary: GlossaryEntry[];
}
