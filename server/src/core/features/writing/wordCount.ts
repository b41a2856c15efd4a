/**
 * The length of an account as a centre counts it: the words of its running text (paragraphs, list items and
 * quotes), leaving out citations, front matter, code, comments and headings; and where it stands against a
 * target range such as 500–1,500 words.
 */
import type { Account } from '../../accounts/account';
import type { WordCountTarget } from '../../settings';

export function accountWords(account: Pick<Account, 'paragraphs'>): number {
  let words = 0;
  for (const p of account.paragraphs) words += p.words;
  return words;
}

export type WordCountStanding = 'below' | 'within' | 'above';

export function wordCountStanding(words: number, target: WordCountTarget | undefined): WordCountStanding | undefined {
  if (!target) return undefined;
  if (target.min !== undefined && words < target.min) return 'below';
  if (target.max !== undefined && words > target.max) return 'above';
  return 'within';
}

/** "812 words (target 500–1,500)". */
export function describeWordCount(words: number, target: WordCountTarget | undefined): string {
  const n = (x: number) => x.toLocaleString('en-GB');
  const label = `${n(words)} ${words === 1 ? 'word' : 'words'}`;
  if (!target) return label;
  const range =
    target.min !== undefined && target.max !== undefined
      ? `${n(target.min)}–${n(target.max)}`
      : target.min !== undefined
        ? `at least ${n(target.min)}`
        : `at most ${n(target.max!)}`;
  return `${label} (target ${range})`;
}
