/**
 * The review side of the server (#16): each portfolio's `.assessment.yaml`, read through the FileSystem and
 * read again when the watcher reports a change; the decisions and open threads the panel shows; and the new
 * text of the file when an assessor records a decision (the client writes it: the server writes nothing).
 * A malformed file is reported once per distinct problem, naming the line, and coverage goes on.
 */
import * as path from 'node:path';
import {
  ASSESSMENT_FILE,
  citingDigest,
  criterionKey,
  decisionTime,
  openThreadCount,
  parseAssessment,
  reviewUnit,
  setDecision,
  type Assessment,
  type CitingAccounts,
  type Coverage,
} from '../core';
import type { FileSystem } from '../io/deps';
import { pathToUri, uriToPath } from '../io/uris';
import type { DecideParams, DecideResult, PortfolioReviewDto } from '../protocol';
import type { Folder } from './types';

interface Entry {
  text: string | undefined;
  assessment: Assessment;
}

export interface ReviewHost {
  fs: FileSystem;
  /** The folder's decisions changed: the panel and records should be told. */
  changed(folder: Folder): void;
  /** The file has problems (or none any more): shown to the user and as diagnostics on the file. */
  problems(file: string, problems: Assessment['problems']): void;
}

const EMPTY: Entry = { text: undefined, assessment: { decisions: new Map(), problems: [] } };

export function createReview(host: ReviewHost) {
  const entries = new Map<string, Promise<Entry>>();
  /** The last entry read per folder, for the synchronous change key. */
  const latest = new Map<string, Entry>();

  function fileOf(folder: Folder): string | undefined {
    return folder.path ? path.join(folder.path, ASSESSMENT_FILE) : undefined;
  }

  async function read(folder: Folder): Promise<Entry> {
    const file = fileOf(folder);
    if (!file) return EMPTY;
    let text: string | undefined;
    try {
      text = (await host.fs.stat(file)) ? new TextDecoder().decode(await host.fs.readFile(file)) : undefined;
    } catch {
      text = undefined;
    }
    const assessment = parseAssessment(text ?? '');
    host.problems(pathToUri(file), assessment.problems);
    const entry = { text, assessment };
    latest.set(folder.uri, entry);
    return entry;
  }

  function entryOf(folder: Folder): Promise<Entry> {
    let entry = entries.get(folder.uri);
    if (!entry) entries.set(folder.uri, (entry = read(folder)));
    return entry;
  }

  return {
    /** Reads the folder's assessment file if it has not been read yet. */
    async ensure(folder: Folder): Promise<void> {
      await entryOf(folder);
    },

    /** Reads again the assessment files among changed files; tells which folders changed. */
    async watchedFilesChanged(uris: readonly string[], folders: readonly Folder[]): Promise<void> {
      for (const uri of uris) {
        const file = uriToPath(uri);
        if (!file || path.basename(file) !== ASSESSMENT_FILE) continue;
        for (const folder of folders) {
          if (fileOf(folder) !== file) continue;
          const entry = read(folder);
          entries.set(folder.uri, entry);
          await entry;
          host.changed(folder);
        }
      }
    },

    /**
     * Changes whenever what the panel shows of the review changes: the file, a decided criterion's state (an
     * edit to a citing account turns "accepted" into "changed since accepted"), a thread opened or resolved.
     */
    changeKey(folder: Folder, coverage: Coverage, citing: CitingAccounts): string {
      const entry = latest.get(folder.uri) ?? EMPTY;
      let key = `${entry.text ?? ''}`;
      if (entry.assessment.decisions.size > 0) {
        for (const uc of coverage.units) {
          for (const [id, r] of reviewUnit(uc, citing, entry.assessment).criteria)
            if (r.decision) key += `|${uc.code}/${id}=${r.state}`;
        }
      }
      for (const a of folder.portfolio.accounts.values())
        for (const t of a.reviewThreads) key += `|${t.id}:${t.status}`;
      return key;
    },

    /** What the panel shows of the review; decisions read so far (call ensure first). */
    async dto(folder: Folder, coverage: Coverage, citing: CitingAccounts): Promise<PortfolioReviewDto | undefined> {
      const file = fileOf(folder);
      if (!file) return undefined;
      const { text, assessment } = await entryOf(folder);
      const decided: PortfolioReviewDto['decided'] = {};
      for (const uc of coverage.units) {
        for (const [id, r] of reviewUnit(uc, citing, assessment).criteria) {
          if (!r.decision) continue;
          const { decision, by, at, reason } = r.decision;
          decided[criterionKey(uc.code, id)] = {
            state: r.state,
            decision: { decision, by, at, ...(reason ? { reason } : {}) },
          };
        }
      }
      return {
        file: pathToUri(file),
        exists: text !== undefined,
        problems: assessment.problems,
        openThreads: openThreadCount(folder.portfolio.accounts.values()),
        decided,
      };
    },

    /** The assessment file's new text with one decision recorded; nothing is written here. */
    async decide(
      folder: Folder,
      coverage: Coverage,
      citing: CitingAccounts,
      params: DecideParams,
      now = new Date(),
    ): Promise<DecideResult> {
      const file = fileOf(folder);
      if (!file)
        return { file: '', text: null, error: 'Decisions are kept in a portfolio folder: open the folder first' };
      const entry = await read(folder); // the file as it is now, not as last seen
      entries.set(folder.uri, Promise.resolve(entry));
      const [unitText, id] = params.criterion.split('/');
      const code = folder.catalog.resolve(unitText ?? '') ?? unitText;
      const criterion = coverage.units
        .find((u) => u.code === code)
        ?.criteria.find((c) => c.id === (id ?? '').toUpperCase());
      const fail = (error: string): DecideResult => ({ file: pathToUri(file), text: null, error });
      if (!criterion) return fail(`${params.criterion} is not a criterion of a unit in scope of ${folder.name}`);
      if (params.decision === 'accepted' && criterion.citations.length === 0)
        return fail(`${code}/${criterion.id} is not cited in any account: nothing to accept`);
      const by = (params.by ?? '').trim();
      if (params.decision && !by) return fail('A decision needs the name of who decided');
      const decision =
        params.decision === null
          ? undefined
          : {
              decision: params.decision,
              by,
              at: decisionTime(now),
              ...(params.reason?.trim() ? { reason: params.reason.trim() } : {}),
              ...(params.decision === 'accepted' ? { evidence: citingDigest(criterion, citing) } : {}),
            };
      const next = setDecision(entry.text ?? '', criterionKey(code, criterion.id), decision);
      return 'error' in next ? fail(next.error) : { file: pathToUri(file), text: next.text };
    },
  };
}

export type Review = ReturnType<typeof createReview>;
