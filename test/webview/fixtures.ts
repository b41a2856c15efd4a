/**
 * Coverage reports for the panel tests, built from the bundled standards so the grid has real sizes, sections
 * and texts. States follow a fixed pattern so tests can predict them.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type {
  CitationDto,
  CoverageResult,
  CriterionDto,
  PortfolioCoverageDto,
  UnitDto,
} from '../../server/src/protocol';

const root = path.resolve(__dirname, '../..');
export const FOLDER = 'file:///home/candidate/portfolio';
export const ACCOUNTS = ['ra1', 'ra2', 'ra3', 'ra4'].map((name, i) => ({
  uri: `${FOLDER}/${name}.md`,
  evidence: `RA${i + 1}`,
  title: `Account number ${i + 1}`,
}));

interface StandardJson {
  code: string;
  title: string;
  codeConfirmed: boolean;
  titleDerived: boolean;
  criteria: Array<{ id: string; kind: 'P' | 'K'; number: number; text: string; section: string }>;
}

function readUnit(code: string): StandardJson {
  return JSON.parse(readFileSync(path.join(root, 'standards', `${code}.json`), 'utf8'));
}

function citation(account: number, line: number, character: number): CitationDto {
  return { account, line, character, endLine: line, endCharacter: character + 3 };
}

/**
 * Criterion n of a unit: numbers divisible by 3 are covered (two accounts), those ≡ 1 mod 5 partial
 * (one account, minimum 2), the rest not cited. Deterministic, so tests know what to expect.
 */
export function stateFor(n: number): CriterionDto['state'] {
  if (n % 3 === 0) return 'covered';
  if (n % 5 === 1) return 'partial';
  return 'none';
}

export function unitDto(code: string, override: (c: CriterionDto) => CriterionDto = (c) => c): UnitDto {
  const unit = readUnit(code);
  const criteria = unit.criteria.map((c, i): CriterionDto => {
    const state = stateFor(c.number);
    const citations =
      state === 'covered'
        ? [citation(0, 10 + (i % 7), 4), citation(1 + (i % 3), 20 + (i % 5), 12)]
        : state === 'partial'
          ? [citation(2, 30, 8)]
          : [];
    const accounts = new Set(citations.map((r) => r.account)).size;
    return override({
      id: c.id,
      kind: c.kind,
      number: c.number,
      text: c.text,
      section: c.section,
      state,
      accounts,
      singleSource: accounts === 1,
      citations,
    });
  });
  const covered = { P: 0, K: 0 };
  const total = { P: 0, K: 0 };
  for (const c of criteria) {
    total[c.kind]++;
    if (c.state === 'covered') covered[c.kind]++;
  }
  return {
    code: unit.code,
    title: unit.title,
    codeConfirmed: unit.codeConfirmed,
    titleDerived: unit.titleDerived,
    covered,
    total,
    criteria,
  };
}

export function portfolio(units: UnitDto[], folder = FOLDER, folderName = 'portfolio'): PortfolioCoverageDto {
  return {
    folder,
    folderName,
    minimumEvidence: 2,
    units,
    accounts: ACCOUNTS.map((a, i) => ({
      ...a,
      uri: a.uri.replace(FOLDER, folder),
      tutorNotes: i === 1 ? [{ text: 'Say more about how you checked workloads.', line: 14, character: 0 }] : [],
    })),
  };
}

export function threeUnits(): CoverageResult {
  return { portfolios: [portfolio([unitDto('LMCA5'), unitDto('LMCB2'), unitDto('LMCQ1')])] };
}
