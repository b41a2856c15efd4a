/** `export [folder] --unit X --format F --out FILE [--force]`: the evidence record an assessor signs off. */
import * as path from 'node:path';
import { RECORD_FORMATS, buildRecord, computeCoverage, renderRecord, type RecordFormat } from '../core';
import {
  folderArg,
  formatArg,
  loadAll,
  recordDate,
  settingsFrom,
  shownFromCwd,
  UsageError,
  writeNewFile,
  type CliArgs,
  type Out,
} from './common';
import { loadReview, recordReviewOf } from './review';

export async function runExport(args: CliArgs, out: Out): Promise<number> {
  const { values } = args;
  if (!values.unit) throw new UsageError('export needs --unit X');
  if (!values.out) throw new UsageError('export needs --out FILE');
  if (!values.format) throw new UsageError(`export needs --format (${RECORD_FORMATS.join(', ')})`);
  const format = formatArg(values, RECORD_FORMATS, 'markdown') as RecordFormat;
  const folder = folderArg(args.positionals);
  const settings = settingsFrom(values);
  const loaded = await loadAll(folder, settings, out);
  const { catalog, portfolio, fileOf } = loaded;
  const code = catalog.resolve(values.unit);
  if (!code) throw new UsageError(`unknown unit ${values.unit}`);
  const coverage = computeCoverage(catalog, portfolio, settings.minimumEvidence);
  const review = recordReviewOf(loadReview(folder, loaded, coverage, out), code);
  const record = buildRecord(coverage, code, {
    portfolio: path.basename(folder),
    date: recordDate(values),
    fileOf,
    review,
  });
  if (!record)
    throw new UsageError(`${code} is not in scope in ${path.basename(folder)}: no account lists or cites it`);
  writeNewFile(values.out, renderRecord(record, format), values.force);
  out.stderr(
    `wrote ${shownFromCwd(path.resolve(values.out))}: ${code} evidence record (${format}), ` +
      `P ${record.summary.P.covered}/${record.summary.P.total}, K ${record.summary.K.covered}/${record.summary.K.total}\n`,
  );
  return 0;
}
