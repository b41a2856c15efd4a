/**
 * The review of a portfolio on disk, for the CLI: its `.assessment.yaml` (problems go to stderr naming the
 * line; coverage goes on with the decisions that are valid) and its open review threads.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  ASSESSMENT_FILE,
  openThreadCount,
  parseAssessment,
  reviewUnit,
  type Assessment,
  type CitingAccounts,
  type Coverage,
  type Portfolio,
  type UnitReview,
} from '../core';
import type { Out } from './common';

export interface PortfolioReview {
  file: string;
  /** The file's text, or undefined when the portfolio has none. */
  text: string | undefined;
  assessment: Assessment;
  openThreads: number;
  /** Whether records should carry the review: there is an assessment file or a thread. */
  active: boolean;
  unit: (code: string) => UnitReview | undefined;
}

export function loadReview(
  folder: string,
  { portfolio, citing }: { portfolio: Portfolio; citing: CitingAccounts },
  coverage: Coverage,
  out: Out,
): PortfolioReview {
  const file = path.join(folder, ASSESSMENT_FILE);
  let text: string | undefined;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    text = undefined;
  }
  const assessment = parseAssessment(text ?? '');
  for (const p of assessment.problems) out.stderr(`${file}:${p.line}: ${p.message}\n`);
  const openThreads = openThreadCount(portfolio.accounts.values());
  const units = new Map<string, UnitReview>();
  return {
    file,
    text,
    assessment,
    openThreads,
    active: text !== undefined || [...portfolio.accounts.values()].some((a) => a.reviewThreads.length > 0),
    unit: (code) => {
      const uc = coverage.units.find((u) => u.code === code);
      if (!uc) return undefined;
      if (!units.has(code)) units.set(code, reviewUnit(uc, citing, assessment));
      return units.get(code);
    },
  };
}

/** What buildRecord takes to carry the review of one unit, or undefined when the portfolio is not reviewed. */
export function recordReviewOf(review: PortfolioReview, code: string) {
  const unit = review.active ? review.unit(code) : undefined;
  return unit ? { criteria: unit.criteria, openThreads: review.openThreads } : undefined;
}
