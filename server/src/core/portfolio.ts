/**
 * The index of one portfolio's accounts: the only mutable state in the core. Updating one account replaces
 * that entry alone; `generation` lets folds over the index (coverage) memoise cheaply.
 */
import type { Account } from './account';

export interface Portfolio {
  /** Folder URI (or path) the portfolio is rooted at. */
  readonly root: string;
  readonly accounts: Map<string, Account>;
  generation: number;
}

export function createPortfolio(root: string): Portfolio {
  return { root, accounts: new Map(), generation: 0 };
}

export function updateAccount(portfolio: Portfolio, account: Account): void {
  portfolio.accounts.set(account.uri, account);
  portfolio.generation++;
}

export function removeAccount(portfolio: Portfolio, uri: string): boolean {
  const removed = portfolio.accounts.delete(uri);
  if (removed) portfolio.generation++;
  return removed;
}

/** Accounts in a stable order (by URI), so every output that lists them is deterministic. */
export function sortedAccounts(portfolio: Portfolio): Account[] {
  return [...portfolio.accounts.values()].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
}
