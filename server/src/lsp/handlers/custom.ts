/**
 * The custom requests of protocol.ts: coverage for the panel and status bar, every criterion for the
 * Insert Criterion… pick list, reloading standards, and the text of read-only unit documents. Also the
 * throttled coverage/didChange notification.
 */
import { createHash } from 'node:crypto';
import type { Connection } from 'vscode-languageserver/node';
import {
  accountWords,
  positionAt,
  renderUnitDocument,
  spellingsOf,
  unitKey,
  type Catalog,
  type Coverage,
  type Unit,
} from '../../core';
import {
  CoverageDidChangeNotification,
  CoverageRequest,
  CriteriaRequest,
  ReloadStandardsRequest,
  UnitDocumentRequest,
  type CitationDto,
  type CoverageParams,
  type CoverageResult,
  type CriteriaResult,
  type PortfolioCoverageDto,
  type ReloadStandardsResult,
  type UnitDocumentParams,
  type UnitDocumentResult,
} from '../../protocol';
import type { Review } from '../review';
import type { Folder, Workspace } from '../workspace';
import { guarded } from './lsp';
import { unitCodeOfDocumentUri } from './language';

export function portfolioCoverageDto(workspace: Workspace, folder: Folder): PortfolioCoverageDto {
  const coverage = workspace.coverageOf(folder);
  const accounts = folder.portfolio.accounts;
  const indexOf = new Map(coverage.accounts.map((a, i) => [a.uri, i]));
  const citation = (r: { uri: string; start: number; end: number; line: number; character: number }): CitationDto => {
    const account = accounts.get(r.uri);
    const end = account ? positionAt(account.lineStarts, r.end) : { line: r.line, character: r.character };
    return {
      account: indexOf.get(r.uri)!, // every citing account is listed: coverage.accounts holds them all
      line: r.line,
      character: r.character,
      endLine: end.line,
      endCharacter: end.character,
    };
  };
  return {
    folder: folder.uri,
    folderName: folder.name,
    minimumEvidence: coverage.minimumEvidence,
    wordTarget: folder.settings.wordCountTarget ?? null,
    units: coverage.units.map((u) => ({
      code: u.code,
      title: u.title,
      codeConfirmed: u.codeConfirmed,
      titleDerived: u.titleDerived,
      covered: { ...u.covered },
      total: { ...u.total },
      criteria: u.criteria.map((c) => ({
        id: c.id,
        kind: c.kind,
        number: c.number,
        text: c.text,
        section: c.section,
        state: c.state,
        accounts: c.accounts,
        singleSource: c.accounts === 1,
        citations: c.citations.map(citation),
      })),
    })),
    accounts: coverage.accounts.map((a) => {
      const account = accounts.get(a.uri);
      return {
        uri: workspace.clientUriOf(a.uri),
        evidence: a.evidence,
        title: a.title ?? null,
        words: account ? accountWords(account) : 0,
        tutorNotes: (account?.tutorNotes ?? []).map((n) => ({
          text: n.text,
          ...positionAt(account!.lineStarts, n.start),
        })),
      };
    }),
  };
}

/** Every other spelling a unit answers to: its aliases, "SCD" + code, and a centre's own codes (unitAliases). */
function aliasesOf(catalog: Catalog, unit: Unit): string[] {
  const spellings = spellingsOf(unit).filter((s) => s !== unit.code);
  const known = new Set([unit.code, ...spellings].map(unitKey));
  for (const [key, code] of catalog.keys) if (code === unit.code && !known.has(key)) spellings.push(key);
  return [...new Set(spellings)];
}

/**
 * A digest of what the panel shows, without the criterion texts that never change: states, what each account
 * cites and on which lines, the accounts and their tutor notes. Lines, not offsets: typing on a line moves the
 * columns of what follows on it, which the panel only uses to place the cursor when a citation is opened (a
 * few characters off until the next fetch), so a keystroke that changes no citation nor line count asks the
 * client for nothing. Hashed piece by piece rather than kept as text, so a large portfolio costs a few bytes
 * per folder.
 */
function panelDigest(coverage: Coverage, folder: Folder): string {
  const hash = createHash('sha1').update(String(coverage.minimumEvidence));
  for (const u of coverage.units) hash.update(`\n${u.code}:${u.criteria.map((c) => c.state[0]).join('')}`);
  for (const a of coverage.accounts) {
    const account = folder.portfolio.accounts.get(a.uri);
    const lineOf = (offset: number) => positionAt(account!.lineStarts, offset).line;
    let cited = '';
    for (const c of account?.citations ?? []) {
      for (const i of c.items)
        cited += `,${c.unitCode}/${i.kind}${i.from}-${i.toKind}${i.to}@${lineOf(i.start)}-${lineOf(i.end)}`;
    }
    const notes = (account?.tutorNotes ?? []).map((n) => `${lineOf(n.start)}:${n.text}`).join();
    hash.update(`\n${a.uri}|${a.evidence}|${a.title ?? ''}|${notes}|${cited}`);
  }
  return hash.digest('base64');
}

/** Calls `send` at most every `ms`, on the trailing edge, with everything collected meanwhile. */
function throttle<T>(ms: number, send: (items: Set<T>) => void): (item: T) => void {
  let pending = new Set<T>();
  let timer: NodeJS.Timeout | undefined;
  let last = 0;
  return (item) => {
    pending.add(item);
    if (timer) return;
    timer = setTimeout(
      () => {
        timer = undefined;
        last = Date.now();
        const items = pending;
        pending = new Set();
        send(items);
      },
      Math.max(0, last + ms - Date.now()),
    );
  };
}

export function registerCustomRequests(connection: Connection, workspace: Workspace, review?: Review) {
  /** The key of what the client last fetched or was told had changed, by folder. */
  const panelKeys = new WeakMap<Folder, string>();
  const reviewKey = (folder: Folder): string =>
    review ? review.changeKey(folder, workspace.coverageOf(folder), workspace.citingOf(folder)) : '';
  const panelKey = (folder: Folder): string => panelDigest(workspace.coverageOf(folder), folder) + reviewKey(folder);

  connection.onRequest(
    CoverageRequest,
    guarded<CoverageParams | undefined, CoverageResult>(
      connection,
      CoverageRequest,
      { portfolios: [] },
      async (params) => {
        const folders = await workspace.foldersFor(params?.uri);
        return {
          portfolios: await Promise.all(
            folders.map(async (f) => {
              const dto = portfolioCoverageDto(workspace, f);
              // What the client now has needs no coverageDidChange (the one at the end of indexing, when it asked
              // while indexing and was answered once indexing was done, would have it fetch the same answer again).
              // The coverage part is taken with the coverage answered (a change while the review is read still
              // notifies), the review part once the review is read.
              const digest = panelDigest(workspace.coverageOf(f), f);
              const reviewed = review ? await review.dto(f, workspace.coverageOf(f), workspace.citingOf(f)) : undefined;
              panelKeys.set(f, digest + reviewKey(f));
              return reviewed ? { ...dto, review: reviewed } : dto;
            }),
          ),
        };
      },
    ),
  );

  connection.onRequest(
    CriteriaRequest,
    guarded<CoverageParams | undefined, CriteriaResult>(connection, CriteriaRequest, { units: [] }, async (params) => {
      const folders = await workspace.foldersFor(params?.uri);
      const seen = new Set<string>();
      const units: CriteriaResult['units'] = [];
      for (const folder of folders) {
        for (const u of folder.catalog.units) {
          if (seen.has(u.code)) continue;
          seen.add(u.code);
          units.push({
            code: u.code,
            title: u.title,
            codeConfirmed: u.codeConfirmed,
            aliases: aliasesOf(folder.catalog, u),
            criteria: u.criteria.map((c) => ({ id: c.id, text: c.text, section: c.section })),
          });
        }
      }
      return { units };
    }),
  );

  connection.onRequest(
    ReloadStandardsRequest,
    guarded<unknown, ReloadStandardsResult>(connection, ReloadStandardsRequest, { units: 0 }, async () => {
      await workspace.reloadStandards();
      const codes = new Set(workspace.allFolders().flatMap((f) => f.catalog.units.map((u) => u.code)));
      return { units: codes.size };
    }),
  );

  connection.onRequest(
    UnitDocumentRequest,
    guarded<UnitDocumentParams, UnitDocumentResult>(connection, UnitDocumentRequest, { text: null }, async (params) => {
      const code = unitCodeOfDocumentUri(params?.uri ?? '');
      if (!code) return { text: null };
      await workspace.foldersFor();
      // Any portfolio's catalogue will do; user units exist only in theirs, so look through all of them.
      for (const folder of workspace.allFolders()) {
        const unit = folder.catalog.unit(code);
        if (unit) return { text: renderUnitDocument(unit).text };
      }
      return { text: null };
    }),
  );

  const notify = throttle<Folder>(250, (folders) => {
    const changed: string[] = [];
    for (const folder of folders) {
      const key = panelKey(folder);
      if (panelKeys.get(folder) === key) continue;
      panelKeys.set(folder, key);
      changed.push(folder.uri);
    }
    if (changed.length)
      void connection.sendNotification(CoverageDidChangeNotification, { folders: changed }).catch(() => undefined);
  });
  return {
    coverageMayHaveChanged(folders: readonly Folder[]): void {
      for (const f of folders) notify(f);
    },
  };
}
