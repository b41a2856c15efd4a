/**
 * Custom LSP requests and notifications between the server and the VS Code client, and the messages between
 * the client and the coverage panel's webview. The webview imports it type-only and the client imports its
 * constants, so it holds types and string constants only: no code of the server comes with it.
 */

/** Coverage state of one criterion: not cited / cited in fewer accounts than the minimum / covered. */
export type CoverageStateDto = 'none' | 'partial' | 'covered';

/**
 * Where a criterion is cited. The account is named by its place in the portfolio's `accounts` (which has its
 * URI, evidence number and title) rather than by its URI: a caseload's answer repeated a URI per citation,
 * and was half as big again as it needed to be.
 */
export interface CitationDto {
  /** Index into PortfolioCoverageDto.accounts. */
  account: number;
  /** 0-based line and UTF-16 character of the citing text. */
  line: number;
  character: number;
  endLine: number;
  endCharacter: number;
}

export interface CriterionDto {
  id: string;
  kind: 'P' | 'K';
  number: number;
  text: string;
  section: string;
  state: CoverageStateDto;
  /** Number of different accounts citing it. */
  accounts: number;
  /** Cited in exactly one account (a tutor's "single source" aid). */
  singleSource: boolean;
  citations: CitationDto[];
}

export interface UnitDto {
  code: string;
  title: string;
  codeConfirmed: boolean;
  titleDerived: boolean;
  covered: { P: number; K: number };
  total: { P: number; K: number };
  criteria: CriterionDto[];
}

export interface AccountDto {
  uri: string;
  evidence: string;
  title: string | null;
  /** Words of running text (citations and front matter left out); absent from older servers. */
  words?: number;
  /** Tutor notes (`<!-- tutor: ... -->`) in this account, never counted as evidence. */
  tutorNotes: Array<{ text: string; line: number; character: number }>;
}

export interface PortfolioCoverageDto {
  /** URI of the workspace folder this portfolio is. */
  folder: string;
  folderName: string;
  minimumEvidence: number;
  /** reflectiveAccounts.wordCount.target of the portfolio, or null. */
  wordTarget?: { min?: number; max?: number } | null;
  units: UnitDto[];
  accounts: AccountDto[];
  /** The assessor's decisions and the open review threads (#16); absent for a portfolio without a folder. */
  review?: PortfolioReviewDto;
}

// ---- review (#16): assessor decisions per criterion, kept in the portfolio's .assessment.yaml ----

/** not-cited / cited / cited and accepted / accepted but the citing accounts changed since. */
export type ReviewStateDto = 'not-cited' | 'cited' | 'accepted' | 'changed';
export type DecisionKindDto = 'accepted' | 'not-yet' | 'referred';

export interface DecisionDto {
  decision: DecisionKindDto;
  by: string;
  at: string;
  reason?: string;
}

export interface PortfolioReviewDto {
  /** URI of the portfolio's assessment file (which may not exist yet). */
  file: string;
  exists: boolean;
  /** What is wrong with the file, by 1-based line; the valid decisions are still used. */
  problems: Array<{ line: number; message: string }>;
  openThreads: number;
  /** Criteria with a decision, by "LMCA5/P6"; any other criterion is cited or not cited as coverage says. */
  decided: Record<string, { state: ReviewStateDto; decision: DecisionDto }>;
}

/** Request: the new text of the assessment file with one decision recorded (or cleared); the client writes it. */
export const DecideRequest = 'reflectiveAccounts/decide';
export interface DecideParams {
  /** The portfolio's folder URI (or a document in it). */
  uri: string;
  /** "LMCA5/P6". */
  criterion: string;
  /** null clears the decision. */
  decision: DecisionKindDto | null;
  by: string;
  reason?: string;
}
export interface DecideResult {
  /** URI of the assessment file to write. */
  file: string;
  /** Its new text, or null with `error` when the decision cannot be recorded. */
  text: string | null;
  error?: string;
}

export interface CoverageParams {
  /** A document or folder URI; the portfolio containing it is answered. Omit for every portfolio. */
  uri?: string;
}

export interface CoverageResult {
  portfolios: PortfolioCoverageDto[];
}

/** Request: client → server. */
export const CoverageRequest = 'reflectiveAccounts/coverage';
/** Notification: server → client, throttled, after coverage of any portfolio changed. No payload beyond folders. */
export const CoverageDidChangeNotification = 'reflectiveAccounts/coverageDidChange';
export interface CoverageDidChangeParams {
  folders: string[];
}

/** Request: every loaded criterion, for the Insert Criterion… pick list. */
export const CriteriaRequest = 'reflectiveAccounts/criteria';
export interface CriteriaResult {
  units: Array<{
    code: string;
    title: string;
    codeConfirmed: boolean;
    criteria: Array<{ id: string; text: string; section: string }>;
    /** Other spellings of the code (catalogue aliases, `unitAliases` setting), so the preview resolves them too. */
    aliases?: string[];
  }>;
}

/** Request: reload standards (user files may have changed). */
export const ReloadStandardsRequest = 'reflectiveAccounts/reloadStandards';
/** Answer to ReloadStandardsRequest: how many units are loaded now (problems go to the output channel). */
export interface ReloadStandardsResult {
  units: number;
}

/** Request: the read-only text of a unit, for the `reflective-accounts-unit:` URI scheme. */
export const UnitDocumentRequest = 'reflectiveAccounts/unitDocument';
export interface UnitDocumentParams {
  uri: string;
}
export interface UnitDocumentResult {
  text: string | null;
}

/** The URI scheme of unit documents opened by go to definition: `reflective-accounts-unit:/LMCA5.md`. */
export const UNIT_DOCUMENT_SCHEME = 'reflective-accounts-unit';

/** Command the code lens carries; the VS Code client binds it to opening the panel at that unit. */
export const SHOW_COVERAGE_COMMAND = 'reflectiveAccounts.showCoverage';

// ---- coverage panel (webview) messages ----

export type ToWebview =
  | { type: 'coverage'; data: CoverageResult; focusUnit?: string; focusFolder?: string }
  | { type: 'focus'; unit: string; folder?: string }
  | PanelSuggestions;

export type FromWebview =
  | { type: 'ready' }
  | { type: 'reveal'; uri: string; line: number; character: number }
  | { type: 'state'; state: PanelState }
  /** Cite a criterion of the panel's suggestions at the end of the sentence under the editor's cursor. */
  | { type: 'cite'; code: string }
  /** The assessor records (or clears, null) a decision from a criterion's detail. */
  | { type: 'decide'; folder: string; criterion: string; decision: DecisionKindDto | null };

/** What the panel restores after a window reload (webview serializer). */
export interface PanelState {
  folder?: string;
  unit?: string;
  filter?: 'all' | 'uncovered';
  search?: string;
  scrollY?: number;
  /** The selected criterion, "LMCA5/P3", whose citations the detail area lists. */
  selected?: string;
}

/** Request: the evidence record of one unit of a portfolio, rendered in a format (the client saves it). */
export const RecordRequest = 'reflectiveAccounts/record';
export type RecordFormat = 'markdown' | 'csv' | 'html' | 'json';
export interface RecordParams {
  /** A document or folder URI inside the portfolio. */
  uri: string;
  unit: string;
  format: RecordFormat;
}
export interface RecordResult {
  /** The file content, or null when the unit or portfolio is unknown. */
  content: string | null;
  /** Suggested file name, e.g. "LMCA5-evidence-record.md". */
  fileName: string;
}

/** Request: import a NOS text into unit JSON (the Import Standard from Text… command). */
export const ImportStandardRequest = 'reflectiveAccounts/importStandard';
export interface ImportStandardParams {
  text: string;
  code?: string;
  sourceName?: string;
}
export interface ImportStandardResult {
  json: string;
  code: string;
  problems: string[];
}

/** Command ids contributed by the extension (package.json), shared with tests. */
export const Commands = {
  showCoverage: 'reflectiveAccounts.showCoverage',
  insertCriterion: 'reflectiveAccounts.insertCriterion',
  exportRecord: 'reflectiveAccounts.exportRecord',
  importStandard: 'reflectiveAccounts.importStandard',
  reloadStandards: 'reflectiveAccounts.reloadStandards',
  restartServer: 'reflectiveAccounts.restartServer',
  /** Copies the example portfolio shipped in the extension into a folder the user picks, and opens it. */
  openExample: 'reflectiveAccounts.openExample',
  /** Rewrites the citations of an account or a portfolio in canonical form, after saying what will change. */
  rewriteCanonical: 'reflectiveAccounts.rewriteCanonical',
  /** Review (#16): threads in accounts (Comments API) and decisions per criterion. */
  startThread: 'reflectiveAccounts.review.startThread',
  replyThread: 'reflectiveAccounts.review.reply',
  resolveThread: 'reflectiveAccounts.review.resolve',
  reopenThread: 'reflectiveAccounts.review.reopen',
  deleteThread: 'reflectiveAccounts.review.delete',
  decide: 'reflectiveAccounts.review.decide',
} as const;

// ---- criterion suggestions and word counts (issue #15) ----

/** Request: criteria the paragraph at a position seems to evidence, best first (the code action's list, the panel). */
export const SuggestRequest = 'reflectiveAccounts/suggest';
export interface SuggestParams {
  /** The account's URI as the client knows it. */
  uri: string;
  position: { line: number; character: number };
  top?: number;
}
export interface SuggestionDto {
  /** Canonical citation, "LMCA5/P6". */
  code: string;
  text: string;
  section: string;
  score: number;
  /** Words of the paragraph the criterion shares. */
  why: string[];
  covered: boolean;
  /** The edit that cites it at the end of the sentence at the position. */
  edit: {
    range: { start: { line: number; character: number }; end: { line: number; character: number } };
    newText: string;
  };
}
export interface SuggestResult {
  /** Lines of the paragraph (0-based), or null when the position is not in a paragraph of prose. */
  paragraph: { line: number; endLine: number } | null;
  suggestions: SuggestionDto[];
}

/** Command the "Cite a criterion this paragraph evidences…" code action runs in VS Code: a pick list of SuggestRequest. */
export const CITE_CRITERION_COMMAND = 'reflectiveAccounts.citeCriterion';

/** Request: the word count of an account (citations and front matter left out) against the portfolio's target. */
export const WordCountRequest = 'reflectiveAccounts/wordCount';
export interface WordCountParams {
  uri: string;
}
export interface WordCountResult {
  /** null when the document is not an account of any portfolio. */
  words: number | null;
  target: { min?: number; max?: number } | null;
  standing: 'below' | 'within' | 'above' | null;
  /** "812 words (target 500–1,500)" */
  label: string;
}

/** Panel message: criteria the paragraph under the editor's cursor may evidence (none when the cursor is elsewhere). */
export interface PanelSuggestions {
  type: 'suggestions';
  /** The account's evidence label or file name, and the paragraph's first line (1-based), or null. */
  account: string;
  line: number | null;
  suggestions: Array<{ code: string; text: string; why: string[]; covered: boolean }>;
}
