/**
 * Recording an assessor's decision (#16), from the panel's cell detail or the command palette: asks who (once)
 * and, for "not yet" and "refer", why; the server answers the assessment file's new text and this writes it
 * (nothing is written unless the assessor chose a decision). An open, unsaved assessment file is edited in its
 * editor and left for the assessor to save, so their own changes are never saved or lost behind their back.
 */
import * as vscode from 'vscode';
import {
  DecideRequest,
  type DecideParams,
  type DecideResult,
  type DecisionKindDto,
} from '../../../server/src/protocol';
import type { CoverageStore } from '../coverageStore';
import type { Server } from '../languageClient';
import { reviewerName } from './reviewer';

export interface DecideArgs {
  folder?: string;
  criterion?: string;
  decision?: DecisionKindDto | null;
  reason?: string;
}

const WORDS: Record<DecisionKindDto, string> = { accepted: 'Accept', 'not-yet': 'Not yet', referred: 'Refer' };

async function pickArgs(store: CoverageStore): Promise<DecideArgs | undefined> {
  const portfolios = (await store.refresh())?.portfolios ?? [];
  const active = vscode.window.activeTextEditor?.document.uri.toString();
  const portfolio = portfolios.find((p) => active?.startsWith(p.folder)) ?? portfolios[0];
  if (!portfolio) return undefined;
  const items = portfolio.units.flatMap((u) =>
    u.criteria
      .filter((c) => c.citations.length > 0)
      .map((c) => ({
        label: `${u.code}/${c.id}`,
        description: portfolio.review?.decided[`${u.code}/${c.id}`]?.state ?? 'cited',
        detail: c.text,
      })),
  );
  const picked = await vscode.window.showQuickPick(items, { title: 'Decide on a criterion', matchOnDetail: true });
  if (!picked) return undefined;
  const kind = await vscode.window.showQuickPick(
    [
      ...(['accepted', 'not-yet', 'referred'] as const).map((k) => ({
        label: WORDS[k],
        choice: k as DecisionKindDto | null,
      })),
      { label: 'Clear decision', choice: null },
    ],
    { title: picked.label },
  );
  return kind ? { folder: portfolio.folder, criterion: picked.label, decision: kind.choice } : undefined;
}

/** Writes the whole new text of the assessment file: in its editor when it is open, else to disk. */
async function writeAssessment(file: vscode.Uri, text: string): Promise<void> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === file.toString());
  if (open) {
    const edit = new vscode.WorkspaceEdit();
    edit.replace(file, new vscode.Range(0, 0, open.lineCount, 0), text);
    await vscode.workspace.applyEdit(edit);
    await open.save();
    return;
  }
  await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(text));
}

export async function decide(
  context: vscode.ExtensionContext,
  server: Server,
  store: CoverageStore,
  given?: DecideArgs,
): Promise<boolean> {
  const args = given?.folder && given.criterion && given.decision !== undefined ? given : await pickArgs(store);
  if (!args?.folder || !args.criterion || args.decision === undefined) return false;
  const by = await reviewerName(context);
  if (!by) return false;
  let reason = args.reason;
  if (reason === undefined && (args.decision === 'not-yet' || args.decision === 'referred')) {
    reason = await vscode.window.showInputBox({
      title: `${WORDS[args.decision]}: ${args.criterion}`,
      prompt: 'Why? (optional; the candidate sees it)',
      ignoreFocusOut: true,
    });
    if (reason === undefined) return false; // dismissed: nothing is recorded
  }
  const params: DecideParams = {
    uri: args.folder,
    criterion: args.criterion,
    decision: args.decision,
    by,
    ...(reason ? { reason } : {}),
  };
  // The server builds on the file as saved: unsaved edits in an open editor would be overwritten, so they come first.
  const unsaved = vscode.workspace.textDocuments.find(
    (d) => d.isDirty && d.uri.path.endsWith('/.assessment.yaml') && d.uri.toString().startsWith(args.folder!),
  );
  if (unsaved) {
    void vscode.window.showWarningMessage(
      'Save or revert your changes to .assessment.yaml first: the decision is added to the file as saved.',
    );
    return false;
  }
  const result = await server.request<DecideResult>(DecideRequest, params);
  if (!result || result.text === null) {
    void vscode.window.showErrorMessage(
      `Reflective Accounts: ${result?.error ?? 'the decision could not be recorded'}`,
    );
    return false;
  }
  await writeAssessment(vscode.Uri.parse(result.file, true), result.text);
  await store.refresh();
  return true;
}
