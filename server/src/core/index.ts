/**
 * The core's facade: everything the glue (lsp/, cli/, io/, client/) uses of the pure core, and nothing else.
 * Glue imports from here only (test/unit/layers.test.ts); inside the core, modules import each other directly.
 */
export { parseAccount } from './accounts/account';
export type { Account } from './accounts/account';
export { createChunkCache, type ChunkCache } from './accounts/bodyChunks';
export { parseFrontMatter } from './accounts/frontMatter';
export { lineStarts, offsetAt, positionAt } from './accounts/lines';
export {
  deleteThreadEdit,
  insertThreadEdit,
  linesClosedToThreads,
  newThreadId,
  replaceThreadEdit,
  scanThreads,
  threadTime,
} from './accounts/reviewThreads';
export type { LocatedThread, ReviewThread, TextEdit } from './accounts/reviewThreads';
export { expandItem, rangeShapeProblem, scanCitations, scanText, unitKey } from './citations/codes';
export type { Citation, CitationItem, NearMiss, UnitResolver } from './citations/codes';
export { LineContexts, applyContext, frontMatterContext } from './citations/unitContext';
export type { BareCriteriaMode, NamedUnits } from './citations/unitContext';
export { computeCoverage } from './coverage/coverage';
export type { Coverage } from './coverage/coverage';
export { createPortfolio, removeAccount, updateAccount } from './coverage/portfolio';
export type { Portfolio } from './coverage/portfolio';
export { applyEdits, canonicalRewrite } from './features/canonical';
export type { UnitsView } from './features/canonical';
export { computeCodeActions } from './features/codeActions';
export type { CoreTextEdit } from './features/codeActions';
export { computeCodeLenses } from './features/codeLens';
export { computeCompletions } from './features/completion';
export { DIAGNOSTIC_SOURCE, computeDiagnostics } from './features/diagnostics';
export { computeHover } from './features/hover';
export { navigationTargetAt, referencesOf, renderUnitDocument } from './features/navigation';
export { citationInsertion } from './features/suggest/insertion';
export { paragraphAt, suggestForAccount, suggestForParagraph } from './features/suggest/suggest';
export { accountWords, describeWordCount, wordCountStanding } from './features/writing/wordCount';
export {
  WritingCode,
  anonymiseEdits,
  computeWritingDiagnostics,
  writingHover,
  writingSettingsOf,
} from './features/writing/writingChecks';
export type { WritingDiagnostic } from './features/writing/writingChecks';
export { buildRecord, recordFileName } from './reports/record';
export { CSV_HEADER, RECORD_FORMATS, renderRecord, renderRecordHtml } from './reports/recordFormats';
export type { RecordFormat } from './reports/recordFormats';
export { coverageToJson, renderCoverageMarkdown, renderCoverageText } from './reports/report';
export {
  ASSESSMENT_FILE,
  criterionKey,
  decisionLabel,
  decisionTime,
  parseAssessment,
  setDecision,
} from './review/assessment';
export type { Assessment, DecisionKind } from './review/assessment';
export { citingDigest, openThreadCount, reviewStateLabel, reviewUnit } from './review/reviewState';
export type { CitingAccounts, UnitReview } from './review/reviewState';
export { accountEvidenceDigest } from './accounts/evidenceDigest';
export { readSettings } from './settings';
export type { Settings, Severity } from './settings';
export { importNos } from './standards/importer';
export { buildCatalog, kindName, spellingsOf } from './standards/standards';
export type { Catalog, CatalogProblem, Unit, UnitSource } from './standards/standards';
export type { UnitData } from './standards/unit';
export { validateUnitJson } from './standards/validateUnit';
