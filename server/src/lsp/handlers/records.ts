/**
 * Requests behind the client's Export Evidence Record… and Import Standard from Text… commands: the server
 * renders (it has the portfolio and the importer), the client asks where to save and writes the file.
 */
import type { Connection } from 'vscode-languageserver/node';
import { RECORD_FORMATS, buildRecord, importNos, recordFileName, renderRecord } from '../../core';
import {
  ImportStandardRequest,
  RecordRequest,
  type ImportStandardParams,
  type ImportStandardResult,
  type RecordParams,
  type RecordResult,
} from '../../protocol';
import type { Workspace } from '../workspace';
import { displayPath } from '../../io/uris';
import { guarded } from './lsp';

/** Today as YYYY-MM-DD in local time: the date an assessor sees on the record. */
function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function registerRecordRequests(connection: Connection, workspace: Workspace): void {
  connection.onRequest(
    RecordRequest,
    guarded<RecordParams, RecordResult>(connection, RecordRequest, { content: null, fileName: '' }, async (params) => {
      const format = RECORD_FORMATS.includes(params?.format) ? params.format : 'markdown';
      const [folder] = await workspace.foldersFor(params?.uri);
      const code = folder?.catalog.resolve(params?.unit ?? '');
      if (!folder || !code) return { content: null, fileName: recordFileName(params?.unit || 'unit', format) };
      // Accounts are named by their path in the portfolio folder, as the CLI names them.
      const fileOf = (uri: string): string => (folder.path ? displayPath(uri, folder.path) : uri);
      const record = buildRecord(workspace.coverageOf(folder), code, { portfolio: folder.name, date: today(), fileOf });
      return { content: record ? renderRecord(record, format) : null, fileName: recordFileName(code, format) };
    }),
  );

  connection.onRequest(
    ImportStandardRequest,
    guarded<ImportStandardParams, ImportStandardResult>(
      connection,
      ImportStandardRequest,
      { json: '', code: '', problems: ['the import failed; see the output channel'] },
      (params) => {
        const { unit, problems } = importNos(params?.text ?? '', {
          code: params?.code,
          sourceName: params?.sourceName,
        });
        return {
          json: JSON.stringify(unit, null, 2) + '\n',
          code: unit.code,
          problems: problems.map((p) => (p.line ? `line ${p.line}: ${p.message}` : p.message)),
        };
      },
    ),
  );
}
