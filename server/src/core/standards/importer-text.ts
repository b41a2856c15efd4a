/**
 * Text-level helpers for the NOS importer: cleaning item text, deriving a title from the overview
 * sentence and naming the term a scope/range paragraph defines. Pure functions, no I/O.
 */

const BOOKMARK = /\[bookmark:[^\]]*\]/g;

/** Removes Word's `[bookmark: Name]` anchors, which carry no wording of the standard. */
export function stripBookmarks(text: string): string {
  return text.replace(BOOKMARK, '');
}

/**
 * The one normal form every imported text goes through: bookmarks and `**bold**` markers removed,
 * runs of whitespace (tabs, non-breaking spaces, line breaks) collapsed to one space, trimmed.
 * Nothing else is touched: the standards' own spelling, quotes and stray spaces before full stops stay.
 */
export function normaliseText(text: string): string {
  return stripBookmarks(text).replace(/\*\*/g, '').replace(/\s+/g, ' ').trim();
}

export function capitaliseFirst(text: string): string {
  return text.length === 0 ? text : text[0].toUpperCase() + text.slice(1);
}

// ---------------------------------------------------------------------------------------------
// Title derivation: "…the requirements when leading and managing X." → "Lead and manage X"
// ---------------------------------------------------------------------------------------------

/** Gerunds whose base form the spelling rules below would get wrong. */
const IRREGULAR_GERUNDS: Record<string, string> = {
  being: 'be',
  creating: 'create',
  writing: 'write',
  completing: 'complete',
  competing: 'compete',
  monitoring: 'monitor',
  focusing: 'focus',
};

/** Consonants English doubles before -ing after a short stressed vowel (planning, setting). */
const DOUBLED_BEFORE_ING = /([bgmnprt])\1$/;

/**
 * Stem endings after which the base form had a silent "e" that -ing dropped
 * (manag→manage, supervis→supervise, provid→provide, evaluat→evaluate, involv→involve).
 */
const SILENT_E_STEM =
  /(?:[vzc]|[aeiou]s|ys|rs|[ae]ng|[aerd]g|(?<![aeo])at|(?<!o)ot|(?<!o)ut|(?<![ao])id|ud|(?<!o)ur|(?<!a)ir|[^aeiou]ar|[bptdkgcfz]l|(?<![aeiou])[aio]k|(?<![aeiou])[iou]m|(?<![aeiou])in|(?<![aeiou])ap)$/;

/** "managing" → "manage", "leading" → "lead", "planning" → "plan"; undefined if not a gerund. */
export function gerundToBase(word: string): string | undefined {
  const lower = word.toLowerCase();
  if (!/^[a-z]+ing$/.test(lower) || lower.length < 5) return undefined;
  let base = IRREGULAR_GERUNDS[lower];
  if (base === undefined) {
    const stem = lower.slice(0, -3);
    // "thing", "bring", "string": without a vowel before -ing there is no verb stem.
    if (!/[aeiouy]/.test(stem)) return undefined;
    if (DOUBLED_BEFORE_ING.test(stem)) base = stem.slice(0, -1);
    else if (SILENT_E_STEM.test(stem)) base = stem + 'e';
    else base = stem;
  }
  // Keep the capitalisation of the original first letter.
  return word[0] === word[0].toUpperCase() ? capitaliseFirst(base) : base;
}

/**
 * Overviews of titleless sources open with "This standard identifies the requirements when
 * <gerund clause>." The imperative of that clause is how NOS titles are worded, so the title is the
 * clause with its leading gerunds (joined by "and", "or" or commas) turned into base forms,
 * capitalised, up to the end of the sentence. Undefined when the overview does not follow that pattern.
 */
export function deriveTitleFromOverview(overview: string): string | undefined {
  const text = normaliseText(overview);
  const match = /\brequirements\s+(?:when|for|associated with|involved in|in)\s+(.+?)(?:\.(?:\s|$)|$)/i.exec(text);
  if (!match) return undefined;
  const clause = match[1].trim();
  const gerundRun = /^[A-Za-z]+ing(?:(?:\s*,\s*|\s+)(?:(?:and|or)\s+)?[A-Za-z]+ing)*\b/.exec(clause);
  if (!gerundRun) return undefined;
  const verbs = gerundRun[0].replace(/[A-Za-z]+ing\b/g, (gerund) => gerundToBase(gerund) ?? gerund);
  // The title is ours, not the standard's wording, so it uses a plain apostrophe like the other titles.
  const title = capitaliseFirst(verbs + clause.slice(gerundRun[0].length)).replace(/[\s,;:]+$/, '').replace(/\u2019/g, "'");
  return title.length > 0 ? title : undefined;
}

// ---------------------------------------------------------------------------------------------
// Glossary terms: "Key people are those who…" → "Key people"
// ---------------------------------------------------------------------------------------------

/** Verbs with which scope/range paragraphs attach a definition to their headword. */
const DEFINING_VERBS = new Set([
  'is', 'are', 'would', 'may', 'should', 'can', 'could', 'will', 'must',
  'means', 'refers', 'include', 'includes', 'uses', 'involves', 'requires',
]);
/** A defining verb right after one of these belongs to a relative clause inside the term. */
const RELATIVE_PRONOUNS = new Set(['that', 'which', 'who']);
/** Paragraphs opening with these put a subordinate clause first; their headword is not at the start. */
const SUBORDINATORS = new Set([
  'depending', 'if', 'when', 'where', 'although', 'as', 'in', 'for', 'while', 'because', 'to', 'with',
]);
/**
 * Words the Word export left between headword and verb where a colon was lost
 * ("Lone working practice these would include…").
 */
const RESUMPTIVE_PRONOUNS = new Set(['these', 'this', 'it', 'they', 'those']);
const LEADING_ARTICLE = /^(?:the|a|an)\s+/i;
const MAX_TERM_WORDS = 10;

/**
 * The term a scope/range paragraph defines, from its raw text (bold markers still present):
 * 1. a `**bold**` phrase near the start is the term ("The **individual** is…" → "Individual");
 * 2. otherwise the words before the first defining verb that is not inside a relative clause, at
 *    most ten, without a leading article or trailing resumptive pronoun ("Factors that may affect …
 *    development may include" → "Factors that may affect the health, wellbeing and development");
 * 3. a paragraph that opens with a subordinate clause ("Depending on how it is used…") names no
 *    term at its start: "";
 * 4. no defining verb early on means the source dropped the copula ("Qualitative subjective data
 *    that describes…"): the headword is the first word.
 */
export function glossaryTerm(rawParagraph: string): string {
  const raw = stripBookmarks(rawParagraph).trim();
  const bold = /\*\*([^*]+)\*\*/.exec(raw);
  if (bold && bold.index < 120) return capitaliseFirst(normaliseText(bold[1]));

  const words = normaliseText(raw).split(' ').filter((w) => w.length > 0);
  if (words.length === 0) return '';
  if (SUBORDINATORS.has(bareWord(words[0]))) return '';

  const limit = Math.min(words.length, MAX_TERM_WORDS + 1);
  for (let i = 1; i < limit; i++) {
    if (!DEFINING_VERBS.has(bareWord(words[i]))) continue;
    if (RELATIVE_PRONOUNS.has(bareWord(words[i - 1]))) continue;
    let termWords = words.slice(0, i);
    while (termWords.length > 1 && RESUMPTIVE_PRONOUNS.has(bareWord(termWords[termWords.length - 1]))) {
      termWords = termWords.slice(0, -1);
    }
    const term = termWords.join(' ').replace(/[\s,;:]+$/, '').replace(LEADING_ARTICLE, '');
    return capitaliseFirst(term);
  }
  const first = words[0].replace(/[^\p{L}\p{N}'\u2019-]+$/u, '');
  return /^\p{Lu}/u.test(first) ? first : '';
}

function bareWord(word: string): string {
  return word.toLowerCase().replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
}
