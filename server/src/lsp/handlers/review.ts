/**
 * The review requests (#16): DecideRequest answers the new text of a portfolio's assessment file (the client
 * writes it, so nothing is written without the assessor asking). Problems of a malformed assessment file are
 * published as diagnostics on that file and shown once, naming the line.
 */
import { DiagnosticSeverity, MessageType, type Connection } from 'vscode-languageserver/node';
import { createReview, type Review } from '../review';
import { DecideRequest, type DecideParams, type DecideResult } from '../../protocol';
import type { FileSystem } from '../../io/deps';
import type { Folder, Workspace } from '../workspace';
import { guarded } from './lsp';

export function registerReview(
  connection: Connection,
  workspace: Workspace,
  fs: FileSystem,
  changed: (folder: Folder) => void,
): Review {
  const shown = new Set<string>();
  const review = createReview({
    fs,
    changed,
    problems: (file, problems) => {
      void connection
        .sendDiagnostics({
          uri: file,
          diagnostics: problems.map((p) => ({
            range: {
              start: { line: p.line - 1, character: 0 },
              end: { line: p.line - 1, character: Number.MAX_SAFE_INTEGER },
            },
            severity: DiagnosticSeverity.Error,
            source: 'reflective-accounts',
            code: 'assessment-file',
            message: p.message,
          })),
        })
        .catch(() => undefined);
      for (const p of problems) {
        const message = `${file.split('/').pop()} line ${p.line}: ${p.message}. Coverage goes on; this decision is left out until it is fixed.`;
        if (shown.has(message)) continue;
        shown.add(message);
        void connection
          .sendNotification('window/showMessage', { type: MessageType.Warning, message })
          .catch(() => undefined);
      }
    },
  });

  connection.onRequest(
    DecideRequest,
    guarded<DecideParams, DecideResult>(
      connection,
      DecideRequest,
      { file: '', text: null, error: 'The request failed' },
      async (params) => {
        const [folder] = await workspace.foldersFor(params?.uri);
        if (!folder || !params) return { file: '', text: null, error: `No portfolio holds ${params?.uri}` };
        return review.decide(folder, workspace.coverageOf(folder), workspace.citingOf(folder), params);
      },
    ),
  );
  return review;
}
