/**
 * English text analysis shared by the criterion suggestions and the writing checks: sentences, and per token
 * its part of speech, lemma, Porter stem and stop-word flag, with offsets into the text analysed.
 *
 * Backed by wink-nlp and its light English model (one library for tokens, sentences, POS tags, lemmas, stems
 * and stop words). The model is loaded the first time any text is analysed, never at start-up: a server that
 * is only asked for coverage never pays its ~100 ms and 3 MB. Pure: no file system; the model is JavaScript
 * data bundled with the package.
 */
import type { Document, WinkMethods } from 'wink-nlp';

export interface Token {
  /** The token as written. */
  text: string;
  /** Lower case, as wink normalises it. */
  normal: string;
  lemma: string;
  stem: string;
  /** Universal POS tag: NOUN, PROPN, VERB, AUX, PRON, PART, ADV, ADJ, DET, ADP, NUM, PUNCT, … */
  pos: string;
  stopWord: boolean;
  /** Offsets in the analysed text (plus the base given). */
  start: number;
  end: number;
}

export interface Sentence {
  start: number;
  end: number;
  tokens: Token[];
}

let nlp: WinkMethods | undefined;

/** The wink-nlp instance, created on first use. `require` here (not `import`) is what keeps it lazy. */
function english(): WinkMethods {
  if (!nlp) {
    const winkNLP = require('wink-nlp') as (model: unknown, pipe?: string[]) => WinkMethods;
    const model = require('wink-eng-lite-web-model');
    // Sentence boundaries, POS tags and negation are all we use: entity and sentiment steps cost time only.
    nlp = winkNLP(model, ['sbd', 'pos', 'negation']);
  }
  return nlp;
}

/** Whether the model has been loaded yet (tests check that start-up does not load it). */
export function englishLoaded(): boolean {
  return nlp !== undefined;
}

/**
 * Sentences and tokens of `text`, offsets shifted by `base`. Never throws: a tokenizer failure on strange
 * input yields no sentences, and every caller then simply finds nothing.
 */
export function analyse(text: string, base = 0): Sentence[] {
  if (typeof text !== 'string' || text.trim() === '') return [];
  try {
    return analyseUnsafe(text, base);
  } catch {
    return [];
  }
}

function analyseUnsafe(text: string, base: number): Sentence[] {
  const winkNlp = english();
  // wink's typings declare lemma and stem with a signature its own `out` does not accept; they work as documented.
  const its = winkNlp.its as unknown as Record<string, Parameters<ReturnType<Document['tokens']>['out']>[0]>;
  const doc = winkNlp.readDoc(text);
  const values = doc.tokens().out(its.value) as string[];
  const normals = doc.tokens().out(its.normal) as string[];
  const lemmas = doc.tokens().out(its.lemma) as string[];
  const stems = doc.tokens().out(its.stem) as string[];
  const tags = doc.tokens().out(its.pos) as string[];
  const stops = doc.tokens().out(its.stopWordFlag) as unknown as boolean[];
  // wink keeps each token's text as written; find it in the text from where the last one ended, so offsets
  // survive whatever whitespace or line breaks sat between (a token it rewrote is placed after the last).
  const tokens: Token[] = [];
  let at = 0;
  for (let i = 0; i < values.length; i++) {
    const found = text.indexOf(values[i], at);
    const start = found < 0 ? at : found;
    const end = found < 0 ? at : found + values[i].length;
    at = end;
    tokens.push({
      text: values[i],
      normal: normals[i],
      lemma: lemmas[i],
      stem: stems[i],
      pos: tags[i],
      stopWord: stops[i] === true,
      start: base + start,
      end: base + end,
    });
  }
  const spans = doc.sentences().out(its.span) as unknown as Array<[number, number]>;
  return spans.map(([first, last]) => {
    const own = tokens.slice(first, last + 1);
    return { start: own[0]?.start ?? base, end: own[own.length - 1]?.end ?? base, tokens: own };
  });
}

/** Every token of a text, without sentence structure (for retrieval). */
export function tokensOf(text: string): Token[] {
  return analyse(text).flatMap((s) => s.tokens);
}

/**
 * Tokens of many short texts at once, one list per text. One wink document for all of them: each document
 * read has a fixed cost that, for the ~550 short criterion texts of the seed units, was most of the work.
 */
export function tokensOfMany(texts: readonly string[]): Token[][] {
  const starts: number[] = [];
  let joined = '';
  for (const t of texts) {
    starts.push(joined.length);
    joined += (typeof t === 'string' ? t : '') + '\n\n';
  }
  const out: Token[][] = texts.map(() => []);
  let which = 0;
  for (const token of tokensOf(joined)) {
    while (which + 1 < starts.length && token.start >= starts[which + 1]) which++;
    out[which].push(token);
  }
  return out;
}
