/**
 * The `identifiable-person` writing check: accounts anonymise the people supported ("Mrs A", "Mr T"); a
 * person named in full ("Margaret Thomson", "John McAllister's", "Mrs Thomson") or an address is flagged.
 *
 * Names are runs of words the tagger marks as proper nouns, written with a capital; left alone are initials
 * ("Mrs D", "H"), a first name on its own (how accounts name staff: "I asked Sarah"), professionals named by
 * their title ("Dr Patel", "Nurse Jones") and organisations or roles in capitals ("the Care Inspectorate",
 * "the District Nurse", "Health and Social Care Standards").
 */
import type { Sentence, Token } from '../../nlp/english';

export interface PersonFinding {
  start: number;
  end: number;
  /** The name or address as written. */
  text: string;
  kind: 'name' | 'address';
  /** What the quick fix writes instead, everywhere in the account ("Mrs T", "MT"); none for addresses. */
  replacement?: string;
}

const COURTESY = new Set(['mr', 'mrs', 'ms', 'miss', 'mx']);
/** Titles of professionals: naming the GP or the nurse is not naming a person supported. */
const PROFESSIONAL = new Set([
  'dr',
  'doctor',
  'nurse',
  'sister',
  'professor',
  'prof',
  'councillor',
  'reverend',
  'rev',
  'father',
  'pastor',
  'judge',
  'sheriff',
  'pc',
  'sergeant',
  'inspector',
]);
/** Capitalised words that make a run an organisation, a role, a place or a document rather than a person. */
const NOT_PERSON = new Set([
  'care',
  'inspectorate',
  'council',
  'social',
  'work',
  'worker',
  'workers',
  'nurse',
  'nurses',
  'district',
  'health',
  'service',
  'services',
  'team',
  'home',
  'house',
  'nhs',
  'scotland',
  'scottish',
  'standards',
  'standard',
  'codes',
  'code',
  'practice',
  'partnership',
  'trust',
  'board',
  'hospital',
  'unit',
  'group',
  'programme',
  'plan',
  'policy',
  'sssc',
  'sqa',
  'svq',
  'nvq',
  'centre',
  'center',
  'court',
  'road',
  'street',
  'lane',
  'avenue',
  'ward',
  'community',
  'manager',
  'officer',
  'coordinator',
  'assistant',
  'therapist',
  'therapy',
  'occupational',
  'mental',
  'adult',
  'adults',
  'support',
  'protection',
  'safeguarding',
  'act',
  'law',
  'government',
  'department',
  'authority',
  'agency',
  'university',
  'college',
  'school',
  'club',
  'church',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
  'christmas',
  'easter',
  'covid',
  'alzheimer',
  "alzheimer's",
  'parkinson',
  "parkinson's",
  'dementia',
  'what',
  'matters',
  'me',
  'the',
  'and',
  'of',
]);

const NAME_WORD = /^(?:Mc|Mac|O['\u2019]|D['\u2019])?[A-Z][a-z]+(?:[-'\u2019][A-Z][a-z]+)*$/;
const STREET =
  'Street|St|Road|Rd|Avenue|Ave|Lane|Drive|Dr|Crescent|Court|Place|Gardens|Terrace|Close|Way|Grove|Park|Square|View|Brae|Wynd';
const ADDRESS = new RegExp(`\\b\\d{1,4}[A-Za-z]?,?\\s+(?:[A-Z][a-z]+\\s+){1,3}(?:${STREET})\\b\\.?`, 'g');
const POSTCODE = /\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b/g;

const bare = (t: Token) => t.normal.replace(/\.$/, '');
const isNameWord = (t: Token) =>
  (t.pos === 'PROPN' || t.pos === 'NOUN') && NAME_WORD.test(t.text) && !NOT_PERSON.has(t.normal);

/**
 * Words of one name stand a space (or a line break) apart. Citations and comments are blanked out before the text
 * is analysed, so "Margaret Thomson LMCA5/P1 John McAllister" reaches the tagger as two names a long gap apart.
 */
const adjacent = (a: Token, b: Token) => b.start - a.end <= 2;

/** Initials for the quick fix: a courtesy title keeps its title and the surname's initial; otherwise the initials. */
function anonymised(title: Token | undefined, names: readonly Token[]): string {
  const initial = (t: Token) => t.text.replace(/^(?:Mc|Mac|O['\u2019]|D['\u2019])/, (p) => p[0])[0].toUpperCase();
  if (title) return `${title.text.replace(/\.$/, '')} ${initial(names[names.length - 1])}`;
  return names.map(initial).join('');
}

function namesIn(sentence: Sentence, out: PersonFinding[]): void {
  const tokens = sentence.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const title = COURTESY.has(bare(tokens[i])) ? tokens[i] : undefined;
    if (PROFESSIONAL.has(bare(tokens[i]))) {
      // "Dr Patel", "Nurse Anne Jones": the professional's name is skipped with the title.
      while (i + 1 < tokens.length && isNameWord(tokens[i + 1])) i++;
      continue;
    }
    const from = title ? i + 1 : i;
    let to = from;
    while (
      to < tokens.length &&
      isNameWord(tokens[to]) &&
      tokens[to].pos === 'PROPN' &&
      (to === from ? !title || adjacent(title, tokens[to]) : adjacent(tokens[to - 1], tokens[to]))
    )
      to++;
    const names = tokens.slice(from, to);
    // A run followed by a capitalised organisation word ("Rosebank Care Home") is a place, not a person.
    const next = tokens[to];
    const partOfPlace = next && /^[A-Z]/.test(next.text) && NOT_PERSON.has(next.normal);
    const named = title ? names.length >= 1 : names.length >= 2;
    if (named && !partOfPlace) {
      const first = title ?? names[0];
      const last = names[names.length - 1];
      out.push({ start: first.start, end: last.end, text: '', kind: 'name', replacement: anonymised(title, names) });
      i = to - 1;
    } else if (to > from) {
      i = to - 1;
    }
  }
}

/** People named in full and addresses, in the analysed sentences of `text` (offsets relative to `base`). */
export function findIdentifiable(text: string, sentences: readonly Sentence[], base = 0): PersonFinding[] {
  const out: PersonFinding[] = [];
  for (const s of sentences) namesIn(s, out);
  for (const pattern of [ADDRESS, POSTCODE]) {
    for (const m of text.matchAll(pattern)) {
      const start = base + (m.index ?? 0);
      out.push({ start, end: start + m[0].length, text: m[0], kind: 'address' });
    }
  }
  for (const f of out) if (f.kind === 'name') f.text = text.slice(f.start - base, f.end - base);
  // An address run may also look like a name ("Rosebank Road"): keep the address.
  const addresses = out.filter((f) => f.kind === 'address');
  return out
    .filter((f) => f.kind === 'address' || !addresses.some((a) => f.start < a.end && a.start < f.end))
    .sort((a, b) => a.start - b.start);
}
