/**
 * The index of one portfolio's accounts: the only mutable state in the core. Updating one account replaces
 * that entry alone; `generation` lets folds over the index (coverage) memoise cheaply.
 */
import type { Account } from '../accounts/account';

export interface Portfolio {
  /** Folder URI (or path) the portfolio is rooted at. */
  readonly root: string;
  readonly accounts: Map<string, Account>;
  generation: number;
  /**
   * The account changed by each of the latest generations (generation n changed `changes[n - changesFrom]`),
   * so folds over the index can catch up on what changed instead of comparing every account. Bounded: older
   * entries are dropped, and a reader that finds its generation gone compares every account instead.
   */
  changes?: string[];
  changesFrom?: number;
}

const MAX_CHANGES = 4096;

export function createPortfolio(root: string): Portfolio {
  return { root, accounts: new Map(), generation: 0, changes: [], changesFrom: 1 };
}

function logChange(portfolio: Portfolio, uri: string): void {
  portfolio.generation++;
  if (!portfolio.changes || portfolio.changesFrom === undefined) return;
  portfolio.changes.push(uri);
  if (portfolio.changes.length > MAX_CHANGES) {
    const drop = portfolio.changes.length - MAX_CHANGES / 2;
    portfolio.changes.splice(0, drop);
    portfolio.changesFrom += drop;
  }
}

export function updateAccount(portfolio: Portfolio, account: Account): void {
  portfolio.accounts.set(account.uri, account);
  logChange(portfolio, account.uri);
}

export function removeAccount(portfolio: Portfolio, uri: string): boolean {
  const removed = portfolio.accounts.delete(uri);
  if (removed) logChange(portfolio, uri);
  return removed;
}

/**
 * URIs of the accounts changed after generation `since`, or undefined when the log cannot tell (too old, or
 * the portfolio was changed without updateAccount/removeAccount): then every account must be compared.
 */
export function changedSince(portfolio: Portfolio, since: number): Set<string> | undefined {
  const { changes, changesFrom } = portfolio;
  if (!changes || changesFrom === undefined || since + 1 < changesFrom) return undefined;
  if (changesFrom + changes.length - 1 !== portfolio.generation) return undefined;
  return new Set(changes.slice(since + 1 - changesFrom));
}

/** Accounts in a stable order (by URI), so every output that lists them is deterministic. */
export function sortedAccounts(portfolio: Portfolio): Account[] {
  return [...portfolio.accounts.values()].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
}
