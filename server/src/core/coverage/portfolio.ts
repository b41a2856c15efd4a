/**
 * The index of one portfolio's accounts: the only state in the core that changes (elsewhere the core keeps
 * only memos keyed by the object they derive from, which never change an answer), with the coverage fold over it
 * (coverage.ts keeps the fold here, so it lives and dies with its portfolio). Updating one account replaces
 * that entry alone and notes its URI, so the fold catches up on what changed instead of comparing everything.
 */
import type { Account } from '../accounts/account';
import type { CoverageFold } from './coverageFold';

export interface Portfolio {
  /** Folder URI (or path) the portfolio is rooted at. */
  readonly root: string;
  /** Changed only through updateAccount and removeAccount, which note the change for the coverage fold. */
  readonly accounts: ReadonlyMap<string, Account>;
  /** Counts the changes, so readers can tell that something changed since they last looked. */
  generation: number;
  /** URIs of the accounts updated or removed since the coverage fold last caught up. */
  readonly changed: Set<string>;
  /** The coverage fold over these accounts; undefined until coverage is first asked for. */
  coverage: CoverageFold | undefined;
}

export function createPortfolio(root: string): Portfolio {
  return { root, accounts: new Map(), generation: 0, changed: new Set(), coverage: undefined };
}

export function updateAccount(portfolio: Portfolio, account: Account): void {
  (portfolio.accounts as Map<string, Account>).set(account.uri, account);
  portfolio.generation++;
  portfolio.changed.add(account.uri);
}

export function removeAccount(portfolio: Portfolio, uri: string): boolean {
  const removed = (portfolio.accounts as Map<string, Account>).delete(uri);
  if (removed) {
    portfolio.generation++;
    portfolio.changed.add(uri);
  }
  return removed;
}

/** Accounts in a stable order (by URI), so every output that lists them is deterministic. */
export function sortedAccounts(portfolio: Portfolio): Account[] {
  return [...portfolio.accounts.values()].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
}
