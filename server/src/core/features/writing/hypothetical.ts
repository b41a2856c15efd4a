/**
 * The `hypothetical` writing check: sentences about what the candidate would, could, should or will do (or
 * what good practice would be) instead of what they did. SQA's guidance on personal statements: the account
 * focuses on the candidate's real work, "not on what might be done".
 *
 * Found with the part-of-speech tagger (english.ts), not a word list alone: the modal must be tagged as an
 * auxiliary and govern a verb ("her will" and "Will" are not modals). Three uses of these modals are
 * narrative, not hypothetical, and are left alone:
 *  - after a past verb in the same clause (reported speech or thought, future in the past, purpose):
 *    "She told me her visit would be late", "I kept them off it so that they could concentrate";
 *  - past ability: "we could not move it", "I could see she was upset";
 *  - past habit and wishes: "Mrs A would often refuse her tea", "he would like a bath";
 *  - anything inside quotation marks: "our aim that \"every day should have something to look forward to\"".
 */
import type { Sentence, Token } from '../../nlp/english';

const MODALS = new Set(['would', 'could', 'should', 'will', "'ll", 'ought', 'might', 'shall']);
const PERCEPTION = new Set(['see', 'hear', 'tell', 'feel', 'smell', 'sense', 'understand', 'remember']);
const HABIT = new Set([
  'often',
  'usually',
  'always',
  'sometimes',
  'regularly',
  'normally',
  'frequently',
  'never',
  'typically',
  'generally',
]);
const WISH = new Set(['like', 'love', 'prefer', 'rather', 'enjoy', 'hate']);

export interface HypotheticalFinding {
  /** The sentence's offsets. */
  start: number;
  end: number;
  /** The modal as written ("would", "should"), for the message. */
  modal: string;
}

/** The verb a modal governs: the next token after adverbs and "not", if it is a verb or an auxiliary. */
function governedVerb(
  tokens: readonly Token[],
  at: number,
): { verb: Token; negated: boolean; adverbs: string[] } | undefined {
  let negated = false;
  const adverbs: string[] = [];
  for (let i = at + 1; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.pos === 'PART' && (t.normal === 'not' || t.normal === "n't")) negated = true;
    else if (t.pos === 'ADV') adverbs.push(t.normal);
    else return t.pos === 'VERB' || t.pos === 'AUX' ? { verb: t, negated, adverbs } : undefined;
  }
  return undefined;
}

const IRREGULAR_PAST = new Set([
  'was',
  'were',
  'had',
  'did',
  'said',
  'told',
  'knew',
  'thought',
  'felt',
  'heard',
  'understood',
  'found',
  'made',
  'took',
  'gave',
  'got',
  'went',
  'came',
  'saw',
  'began',
  'kept',
  'left',
  'lost',
  'met',
  'put',
  'sent',
  'spent',
  'stood',
  'wrote',
  'brought',
  'bought',
  'caught',
  'taught',
  'chose',
  'spoke',
  'became',
  'held',
  'meant',
  'paid',
  'led',
  'rang',
  'sat',
  'thought',
  'won',
  'sought',
  'fell',
  'grew',
  'drew',
  'showed',
  'shown',
  'known',
  'given',
  'taken',
  'written',
  'spoken',
]);

function isPastVerb(t: Token): boolean {
  if (t.pos !== 'VERB' && t.pos !== 'AUX') return false;
  return IRREGULAR_PAST.has(t.normal) || (t.normal !== t.lemma && /ed$/.test(t.normal));
}

/**
 * "and I …", "but next time we …": a coordinator that starts a new main clause whose subject is the candidate
 * (adverbs and time words may come between). "and how he could", "and anyone who might" do not.
 */
function restartsClause(tokens: readonly Token[], at: number, modal: number): boolean {
  if (tokens[at].normal !== 'and' && tokens[at].normal !== 'but') return false;
  for (let i = at + 1; i < modal; i++) {
    const t = tokens[i];
    if (t.normal === 'i' || t.normal === 'we') return true;
    if (t.pos !== 'ADV' && t.pos !== 'ADJ' && !(t.pos === 'NOUN' && TIME_WORDS.has(t.normal)) && t.pos !== 'PUNCT')
      return false;
  }
  return false;
}
const TIME_WORDS = new Set([
  'time',
  'week',
  'month',
  'year',
  'day',
  'shift',
  'morning',
  'evening',
  'review',
  'meeting',
]);

/**
 * A past verb earlier in the same clause: the modal then tells the story (future in the past, reported speech
 * or thought, purpose): "She told me her visit would be late", "everyone assumed he would not be able",
 * "I kept them off it so that they could concentrate". A clause break (";", ":", "and I …") ends the search:
 * "I reviewed it, and next time I would ask first" is still hypothetical.
 */
function pastBefore(tokens: readonly Token[], modal: number): boolean {
  for (let i = modal - 1; i >= 0; i--) {
    const t = tokens[i];
    if (t.normal === ';' || t.normal === ':' || restartsClause(tokens, i, modal)) return false;
    if (isPastVerb(t)) return true;
  }
  return false;
}

function isNarrative(tokens: readonly Token[], at: number, verb: Token, negated: boolean, adverbs: string[]): boolean {
  const modal = tokens[at].normal;
  if (pastBefore(tokens, at)) return true;
  if (modal === 'could' && (negated || PERCEPTION.has(verb.lemma))) return true;
  if (modal === 'would') {
    if (WISH.has(verb.lemma) || adverbs.includes('rather')) return true;
    const before = tokens[at - 1]?.normal;
    if (adverbs.some((a) => HABIT.has(a)) || (before !== undefined && HABIT.has(before))) return true;
  }
  return false;
}

/** Whether token i sits inside quotation marks: a quoted aim or saying is not the candidate's claim. */
function quoted(tokens: readonly Token[], i: number): boolean {
  let straight = 0;
  let curly = 0;
  for (let j = 0; j < i; j++) {
    const q = tokens[j].text;
    if (q === '"') straight++;
    else if (q === '\u201c') curly++;
    else if (q === '\u201d') curly = Math.max(0, curly - 1);
  }
  return straight % 2 === 1 || curly > 0;
}

/** The first hypothetical use of a modal in a sentence, if any. */
function hypotheticalIn(sentence: Sentence): HypotheticalFinding | undefined {
  const tokens = sentence.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.pos !== 'AUX' || !MODALS.has(t.normal) || quoted(tokens, i)) continue;
    const governed = governedVerb(tokens, i);
    // A modal governs a bare verb: "Will covered the shift" is a person, and "Will" mid-sentence a name.
    if (!governed || governed.verb.normal !== governed.verb.lemma) continue;
    if (i > 0 && /^[A-Z]/.test(t.text)) continue;
    if (isNarrative(tokens, i, governed.verb, governed.negated, governed.adverbs)) continue;
    return { start: sentence.start, end: sentence.end, modal: t.text };
  }
  return undefined;
}

/** Hypothetical sentences among analysed sentences, in order. */
export function findHypothetical(sentences: readonly Sentence[]): HypotheticalFinding[] {
  const out: HypotheticalFinding[] = [];
  for (const s of sentences) {
    const found = hypotheticalIn(s);
    if (found) out.push(found);
  }
  return out;
}
