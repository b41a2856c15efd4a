/**
 * The writing checks of one account as diagnostics: `hypothetical` and `identifiable-person`. They look at the
 * prose of each paragraph (citations, inline code and comments blanked out) and never count or uncount
 * evidence. Computed for one account at a time, remembered per parsed account: the server asks again only
 * when that account was re-parsed, so typing in one file never re-runs the tagger over the portfolio.
 */
import type { Account } from '../../accounts/account';
import { analyse } from '../../nlp/english';
import type { Settings, Severity, SeveritySetting } from '../../settings';
import { proseOf } from '../suggest/suggest';
import { findHypothetical } from './hypothetical';
import { findIdentifiable } from './identifiablePerson';

/** Stable codes of the writing checks (settings `reflectiveAccounts.writing.*` use the same names). */
export const WritingCode = {
  Hypothetical: 'hypothetical',
  IdentifiablePerson: 'identifiable-person',
} as const;
export type WritingCode = (typeof WritingCode)[keyof typeof WritingCode];

export interface WritingDiagnostic {
  start: number;
  end: number;
  severity: Severity;
  code: WritingCode;
  message: string;
  /** identifiable-person: the name as written and what the quick fix writes instead throughout the account. */
  name?: string;
  replacement?: string;
}

export interface WritingSettings {
  hypothetical: SeveritySetting;
  identifiablePerson: SeveritySetting;
}

export function writingSettingsOf(
  settings: Pick<Settings, 'writingHypothetical' | 'writingIdentifiablePerson'>,
): WritingSettings {
  return { hypothetical: settings.writingHypothetical, identifiablePerson: settings.writingIdentifiablePerson };
}

/**
 * Longest account the checks read (characters). A reflective account is a few thousand words; a file many
 * times that is not one a person is writing, and tagging it would hold the server for seconds.
 */
export const MAX_CHECKED_LENGTH = 300_000;

const cache = new WeakMap<Account, { length: number; key: string; result: WritingDiagnostic[] }>();

export function computeWritingDiagnostics(
  account: Account,
  text: string,
  settings: WritingSettings,
): WritingDiagnostic[] {
  if (settings.hypothetical === 'off' && settings.identifiablePerson === 'off') return [];
  if (typeof text !== 'string' || text.length !== account.length) return []; // not the text this account was parsed from
  if (text.length > MAX_CHECKED_LENGTH || account.degraded) return [];
  const key = `${settings.hypothetical}|${settings.identifiablePerson}|`;
  const known = cache.get(account);
  if (known && known.key === key && known.length === text.length) return known.result;
  const result = writingDiagnostics(account, text, settings, key);
  cache.set(account, { length: text.length, key, result });
  return result;
}

/**
 * The findings of one paragraph's prose, offsets relative to the paragraph, remembered by the prose itself:
 * typing in one paragraph re-tags that paragraph only, and the others are answered from here. Bounded: when
 * full it is emptied (a new session of typing fills it again with what is on screen).
 */
const byProse = new Map<string, WritingDiagnostic[]>();
const MAX_REMEMBERED = 5000;

function paragraphDiagnostics(prose: string, settings: WritingSettings, key: string): WritingDiagnostic[] {
  const known = byProse.get(key + prose);
  if (known) return known;
  const out: WritingDiagnostic[] = [];
  const sentences = analyse(prose, 0);
  if (settings.hypothetical !== 'off') {
    for (const f of findHypothetical(sentences)) {
      out.push({
        start: f.start,
        end: f.end,
        severity: settings.hypothetical,
        code: WritingCode.Hypothetical,
        message:
          `"${f.modal}": this sentence is about what would, could, should or will be done rather than what you did. ` +
          'An account shows your real work, "not what might be done" (SQA): say what you did.',
      });
    }
  }
  if (settings.identifiablePerson !== 'off') {
    for (const f of findIdentifiable(prose, sentences, 0)) {
      out.push(
        f.kind === 'name'
          ? {
              start: f.start,
              end: f.end,
              severity: settings.identifiablePerson,
              code: WritingCode.IdentifiablePerson,
              message: `"${f.text}" names a person in full: anonymise the people you support with initials ("${f.replacement}").`,
              name: f.text,
              replacement: f.replacement,
            }
          : {
              start: f.start,
              end: f.end,
              severity: settings.identifiablePerson,
              code: WritingCode.IdentifiablePerson,
              message: `"${f.text}" looks like an address: leave addresses out, so that nobody you support can be identified.`,
            },
      );
    }
  }
  if (byProse.size >= MAX_REMEMBERED) byProse.clear();
  byProse.set(key + prose, out);
  return out;
}

function writingDiagnostics(
  account: Account,
  text: string,
  settings: WritingSettings,
  key: string,
): WritingDiagnostic[] {
  const out: WritingDiagnostic[] = [];
  for (const paragraph of account.paragraphs) {
    for (const d of paragraphDiagnostics(proseOf(text, account, paragraph), settings, key)) {
      out.push({ ...d, start: d.start + paragraph.start, end: d.end + paragraph.start });
    }
  }
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}

/**
 * The quick fix for a name: every whole-word occurrence of it in the account replaced by its initials
 * (inside front matter and comments too: a name there identifies the person just the same).
 */
export function anonymiseEdits(
  text: string,
  name: string,
  replacement: string,
): Array<{ start: number; end: number; newText: string }> {
  if (!name) return [];
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'gu');
  return [...text.matchAll(pattern)].map((m) => ({
    start: m.index ?? 0,
    end: (m.index ?? 0) + m[0].length,
    newText: replacement,
  }));
}

/** Hover text explaining a writing check, for the diagnostic under the cursor. */
export function writingHover(d: WritingDiagnostic): string {
  if (d.code === WritingCode.Hypothetical) {
    return [
      '**Hypothetical writing** (`hypothetical`)',
      '',
      'SQA asks that a reflective account focuses on your real work, "not on what might be done". Sentences about what you ' +
        'would, could, should or will do, or what good practice would be, are not evidence: describe what you did and why. ' +
        'Reported speech ("she said her visit would be late") and past ability ("we could not move it") are not flagged.',
      '',
      'Setting: `reflectiveAccounts.writing.hypothetical` (severity or `off`). Never changes what counts as evidence.',
    ].join('\n');
  }
  return [
    '**Identifiable person** (`identifiable-person`)',
    '',
    'Accounts anonymise the people supported: "Mrs A", "Mr T", never a full name or an address. A first name on its own ' +
      '(how accounts name staff) and professionals by title ("Dr Patel") are not flagged. The quick fix replaces the name with ' +
      'its initials throughout the account.',
    '',
    'Setting: `reflectiveAccounts.writing.identifiablePerson` (severity or `off`). Never changes what counts as evidence.',
  ].join('\n');
}
