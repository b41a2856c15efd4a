/**
 * The text of synthetic accounts and units for the benchmarks, deterministic from a seed: accounts of about
 * 600 words citing the bundled units the way candidates do, and units of 100 criteria valid against
 * standards/schema.json. bench/generate.ts writes them to disk as portfolios, caseloads and catalogues.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CriterionData, UnitData } from '../../server/src/core/standards/unit';
import { HEADINGS, TITLES, capitalise, criterionText, sectionTitle, sentence, wordCount } from './prose';
import { createRng, mixSeed, type Rng } from './rng';

export const GENERATOR_VERSION = 3;
export const DEFAULT_SEED = 7;
export const SYNTHETIC_UNITS = 500;
export const CRITERIA_PER_UNIT = 100;

export interface UnitBounds {
  code: string;
  aliases: string[];
  P: number;
  K: number;
}

/** Code, aliases and criterion counts of the bundled units, read from standards/*.json. */
export function bundledBounds(root: string): UnitBounds[] {
  const dir = path.join(root, 'standards');
  return fs
    .readdirSync(dir)
    .filter((f) => /^[A-Z0-9]+\.json$/.test(f))
    .sort()
    .map((f) => {
      const u = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as UnitData;
      const count = (k: string) => u.criteria.filter((c) => c.kind === k).length;
      return { code: u.code, aliases: u.aliases, P: count('P'), K: count('K') };
    });
}

function item(rng: Rng, unit: UnitBounds): string {
  const kind = rng.chance(0.55) ? 'P' : 'K';
  const bound = unit[kind];
  // About one item in seventy is a typo past the end of the unit: candidates do that.
  const n = rng.chance(0.015) ? bound + rng.int(1, 5) : rng.int(1, bound);
  return `${kind}${n}`;
}

function range(rng: Rng, unit: UnitBounds): string {
  const kind = rng.chance(0.6) ? 'P' : 'K';
  const from = rng.int(1, unit[kind] - 3);
  const to = from + rng.int(1, 3);
  return `${kind}${from}${rng.chance(0.5) ? '-' : '\u2013'}${kind}${to}`;
}

/** One citation of `unit`: single item (70%), list (18%) or range (12%), in the spelling people use. */
function citation(rng: Rng, unit: UnitBounds): string {
  const r = rng.next();
  let unitText = unit.code;
  if (r < 0.005)
    unitText = unit.code.replace(/\d+$/, (d) => String(Number(d) + 1)); // unknown unit (LMCA6)
  else if (r < 0.04) unitText = unit.aliases[0] ?? `SCD${unit.code}`;
  else if (r < 0.055) unitText = unit.code.toLowerCase();
  const shape = rng.weighted([70, 18, 12]);
  if (shape === 0) return `${unitText}/${item(rng, unit)}`;
  if (shape === 2) return `${unitText}/${range(rng, unit)}`;
  const items = [item(rng, unit)];
  const more = rng.int(1, 2);
  for (let i = 0; i < more; i++) items.push(rng.chance(0.3) ? range(rng, unit) : item(rng, unit));
  return `${unitText}/${items.join(rng.chance(0.85) ? ', ' : ',')}`;
}

function cite(rng: Rng, text: string, cit: string): string {
  const body = text.replace(/\.$/, '');
  const style = rng.weighted([75, 15, 10]);
  if (style === 0) return `${body} (${cit}).`;
  if (style === 1) return `${body}; this meets ${cit}.`;
  return `${body}, as ${cit} asks.`;
}

interface Ctx {
  rng: Rng;
  units: UnitBounds[];
  /** The units this account sets out to cover. */
  own: UnitBounds[];
  index: number;
}

function citingUnit(ctx: Ctx): UnitBounds {
  return ctx.rng.chance(0.9) ? ctx.rng.pick(ctx.own) : ctx.rng.pick(ctx.units);
}

/** A paragraph of 3–5 sentences carrying 0–3 citations. */
function paragraph(ctx: Ctx): string {
  const { rng } = ctx;
  const sentences = Array.from({ length: rng.int(3, 5) }, () => sentence(rng));
  const citations = rng.weighted([25, 40, 25, 10]);
  for (let c = 0; c < citations; c++) {
    const at = rng.int(0, sentences.length - 1);
    sentences[at] = cite(rng, sentences[at], citation(rng, citingUnit(ctx)));
  }
  if (ctx.index > 1 && rng.chance(0.04)) {
    const target = rng.int(Math.max(1, ctx.index - 20), ctx.index - 1);
    const fragment = rng.chance(0.3) ? '#reflection' : '';
    sentences.push(`See also [RA${target}](${fileName(target)}${fragment}).`);
  }
  if (rng.chance(0.03)) sentences.push(`The template is in \`${ctx.own[0].code}/P1 draft\`, which is not evidence.`);
  return sentences.join(' ');
}

function bulletList(ctx: Ctx): string {
  const { rng } = ctx;
  return Array.from({ length: rng.int(3, 4) }, () => {
    const s = sentence(rng);
    return `- ${rng.chance(0.6) ? cite(rng, s, citation(rng, citingUnit(ctx))) : s}`;
  }).join('\n');
}

function codeBlock(ctx: Ctx): string {
  return ['```text', `Rota template (not evidence): ${ctx.own[0].code}/P1, P2`, 'Mon  early  late  night', '```'].join(
    '\n',
  );
}

export function fileName(index: number): string {
  return `ra${String(index).padStart(4, '0')}.md`;
}

/** Account `index` (from 1): the same text for the same seed and index, whatever the corpus size. */
export function generateAccount(seed: number, index: number, units: UnitBounds[]): string {
  const rng = createRng(mixSeed(seed, index));
  const own = [rng.pick(units)];
  if (rng.chance(0.35)) {
    const second = rng.pick(units);
    if (second !== own[0]) own.push(second);
  }
  const ctx: Ctx = { rng, units, own, index };
  const title = rng.pick(TITLES);
  const out = [
    '---',
    `title: ${title}`,
    `evidence: RA${index}`,
    `units: [${own.map((u) => u.code).join(', ')}]`,
    '---',
    '',
    `# ${title}`,
    '',
  ];
  if (rng.chance(0.1))
    out.push(`<!-- tutor: good evidence for ${own[0].code}/P${rng.int(1, 9)}; add more on reflection -->`, '');
  const target = rng.int(540, 660);
  let words = 0;
  const headings = [...HEADINGS];
  while (words < target) {
    const heading = headings.length > 1 ? headings.splice(rng.int(0, headings.length - 2), 1)[0] : 'Reflection';
    out.push(`## ${heading}`, '');
    const blocks = rng.int(1, 3);
    for (let b = 0; b < blocks && words < target; b++) {
      const block = rng.chance(0.15) ? bulletList(ctx) : rng.chance(0.03) ? codeBlock(ctx) : paragraph(ctx);
      words += wordCount(block);
      out.push(block, '');
    }
  }
  return out.join('\n');
}

/** A synthetic unit: code HSC3001…, 100 criteria in sections, valid against standards/schema.json. */
export function generateUnit(seed: number, u: number): UnitData {
  const rng = createRng(mixSeed(seed ^ 0x5eed, u));
  const code = `HSC${3001 + u}`;
  const pCount = rng.int(30, 50);
  const criteria: CriterionData[] = [];
  let section = sectionTitle(rng);
  for (let i = 0; i < CRITERIA_PER_UNIT; i++) {
    const kind = i < pCount ? 'P' : 'K';
    const number = kind === 'P' ? i + 1 : i + 1 - pCount;
    if (i === pCount || rng.chance(0.1))
      section = kind === 'K' && i === pCount ? 'Knowledge and understanding' : sectionTitle(rng);
    criteria.push({ id: `${kind}${number}`, kind, number, text: criterionText(rng, kind), section });
  }
  const topic = sectionTitle(rng);
  return {
    code,
    aliases: [`SCD${code}`],
    title: `${capitalise(topic)} in care services`,
    titleDerived: false,
    codeConfirmed: true,
    overview: `This standard identifies the requirements when you ${topic.toLowerCase()} in care services.`,
    source: `synthetic-${u}.txt`,
    criteria,
    glossary: [
      {
        term: 'Individuals',
        text: 'Individuals are adults, children and young people who use care services.',
        scope: 'performance',
      },
      { term: 'Key people', text: 'Key people are those who are important to an individual.', scope: 'knowledge' },
    ],
  };
}
