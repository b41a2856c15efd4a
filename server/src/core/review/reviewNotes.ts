/**
 * `review-note` diagnostics: every open review thread of an account as an information diagnostic on the line
 * it is about, so editors without a comments view (Neovim, Helix, Emacs) and the Problems list show what the
 * reviewer asked. Resolved threads are done with and not reported. Pure.
 */
import type { Account } from '../accounts/account';

export interface ReviewNote {
  start: number;
  end: number;
  message: string;
}

const MAX_QUOTE = 200;

export function reviewNotes(account: Account): ReviewNote[] {
  const out: ReviewNote[] = [];
  for (const t of account.reviewThreads) {
    if (t.status !== 'open') continue;
    const line = Math.min(t.anchorLine, account.lineStarts.length - 1);
    const start = account.lineStarts[line];
    const next = line + 1 < account.lineStarts.length ? account.lineStarts[line + 1] - 1 : account.length;
    const first = t.messages[0];
    const last = t.messages[t.messages.length - 1];
    const quote = (s: string) => {
      const flat = s.replace(/\s+/g, ' ').trim();
      return flat.length > MAX_QUOTE ? flat.slice(0, MAX_QUOTE - 1) + '…' : flat;
    };
    const replies = t.messages.length - 1;
    out.push({
      start,
      end: Math.max(start, next),
      message:
        `Review (open): ${first.author}: ${quote(first.body)}` +
        (replies > 0
          ? ` — ${replies} repl${replies === 1 ? 'y' : 'ies'}, last by ${last.author}: ${quote(last.body)}`
          : ''),
    });
  }
  return out;
}
