/**
 * The `hypothetical` writing check: sentences about what the candidate would, could, should or will do (or
 * what good practice would be) instead of what they did. SQA's guidance on personal statements: the account
 * focuses on the candidate's real work, "not on what might be done".
 *
 * Found with the part-of-speech tagger (english.ts), not a word list alone: the modal must be tagged as an
 * auxiliary and govern a verb ("her will" and "Will" are not modals). Three uses of these modals are
 * narrative, not hypothetical, and are left alone:
 *  - reported speech or thought after a past reporting verb: "She told me her visit would be late";
 *  - past ability: "we could not move it", "I could see she was upset";
 *  - past habit and wishes: "Mrs A would often refuse her tea", "he would like a bath".
 */
import type { Sentence, Token } from '../../nlp/english';

const MODALS = new Set(['would', 'could', 'should', 'will', "'ll", 'ought', 'might', 'shall']);
/** Verbs that introduce reported speech or thought; inflected (told, said, knew) they set the narrative in the past. */
const REPORTING = new Set(['say', 'tell', 'explain', 'know', 'think', 'realise', 'realize', 'agree', 'confirm', 'warn',
  'promise', 'ask', 'decide', 'feel', 'hope', 'expect', 'understand', 'learn', 'hear', 'mention', 'advise', 'inform',
  'worry', 'believe', 'assure', 'reassure', 'suggest', 'write', 'report', 'insist', 'check', 'arrange', 'plan', 'discover',
  'find', 'notice', 'see', 'wonder', 'ring', 'phone', 'call', 'email', 'text']);
const PAST_FORMS = /(?:ed|old|aid|new|ought|elt|eard|ood|ound|aw|ote|ang|one)$/;
const PERCEPTION = new Set(['see', 'hear', 'tell', 'feel', 'smell', 'sense', 'understand', 'remember']);
const HABIT = new Set(['often', 'usually', 'always', 'sometimes', 'regularly', 'normally', 'frequently', 'never', 'typically', 'generally']);
const WISH = new Set(['like', 'love', 'prefer', 'rather', 'enjoy', 'hate']);

export interface HypotheticalFinding {
  /** The sentence's offsets. */
  start: number;
  end: number;
  /** The modal as written ("would", "should"), for the message. */
  modal: string;
}

/** The verb a modal governs: the next token after adverbs and "not", if it is a verb or an auxiliary. */
function governedVerb(tokens: readonly Token[], at: number): { verb: Token; negated: boolean; adverbs: string[] } | undefined {
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

/** A reporting verb in the past earlier in the sentence: what follows is reported, not proposed. */
function reportedBefore(tokens: readonly Token[], at: number): boolean {
  for (let i = 0; i < at; i++) {
    const t = tokens[i];
    if (t.pos === 'VERB' && REPORTING.has(t.lemma) && t.normal !== t.lemma && PAST_FORMS.test(t.normal)) return true;
  }
  return false;
}

function isNarrative(tokens: readonly Token[], at: number, verb: Token, negated: boolean, adverbs: string[]): boolean {
  const modal = tokens[at].normal;
  if (reportedBefore(tokens, at)) return true;
  if (modal === 'could' && (negated || PERCEPTION.has(verb.lemma))) return true;
  if (modal === 'would') {
    if (WISH.has(verb.lemma) || adverbs.includes('rather')) return true;
    const before = tokens[at - 1]?.normal;
    if (adverbs.some((a) => HABIT.has(a)) || (before !== undefined && HABIT.has(before))) return true;
  }
  return false;
}

/** The first hypothetical use of a modal in a sentence, if any. */
function hypotheticalIn(sentence: Sentence): HypotheticalFinding | undefined {
  const tokens = sentence.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.pos !== 'AUX' || !MODALS.has(t.normal)) continue;
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
