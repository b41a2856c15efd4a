/**
 * A portfolio read whole from a folder, for the CLI (the server keeps its own index current instead, see
 * lsp/indexer.ts). Same listing, reading and skip rules as the server (accountFiles.ts); accounts are named
 * by their file URIs, as in the server.
 */
import {
  accountEvidenceDigest,
  createPortfolio,
  parseAccount,
  updateAccount,
  type Catalog,
  type CitingAccounts,
  type Portfolio,
  type Settings,
} from '../core';
import { listAccounts, readAccount, type AccountRead } from './accountFiles';
import type { FileSystem } from './deps';
import { pathToUri } from './uris';

export interface SkippedFile {
  path: string;
  reason: string;
}

export interface DiskPortfolio {
  portfolio: Portfolio;
  skipped: SkippedFile[];
  /** The accounts with their evidence digests, for a review; digests are worked out only when asked for. */
  citing: CitingAccounts;
}

/**
 * Files read at once: reading is asynchronous, and one at a time the disk waited on each round trip; more
 * than a few dozen in flight buys nothing and holds more texts in memory.
 */
const READS_IN_FLIGHT = 32;

export async function loadPortfolio(
  fs: FileSystem,
  folder: string,
  settings: Settings,
  catalog: Catalog,
  opts: { digests?: boolean } = {},
): Promise<DiskPortfolio> {
  const portfolio = createPortfolio(pathToUri(folder));
  const digests = new Map<string, string>();
  const skipped: SkippedFile[] = [];
  const files = await listAccounts(fs, folder, settings);
  const reads: Array<Promise<AccountRead | undefined>> = [];
  const startRead = (i: number) => {
    if (i < files.length) reads[i] = readAccount(fs, files[i], settings.maxFileSize);
  };
  for (let i = 0; i < READS_IN_FLIGHT; i++) startRead(i);
  // Parsed in file order, whatever order the reads finish in, so the output does not depend on timing.
  for (let i = 0; i < files.length; i++) {
    const read = await reads[i];
    startRead(i + READS_IN_FLIGHT);
    delete reads[i];
    if (read === undefined) continue; // gone since the listing
    if ('skipped' in read) skipped.push({ path: files[i], reason: read.skipped });
    else {
      const account = parseAccount(pathToUri(files[i]), read.text, catalog.resolve, {
        bareCriteria: settings.bareCriteria,
      });
      updateAccount(portfolio, account);
      if (opts.digests) digests.set(account.uri, accountEvidenceDigest(read.text, account));
    }
  }
  const citing: CitingAccounts = (uri) => {
    const account = portfolio.accounts.get(uri);
    const digest = digests.get(uri);
    return account && digest !== undefined ? { evidence: account.evidence, digest } : undefined;
  };
  return { portfolio, skipped, citing };
}
