/**
 * Rewrite Citations in Canonical Form…: converts an account (or every account of its portfolio) written in the
 * Word-era style (`SCDLMCA5 P21`, bare `PC 3` under a unit's heading) to `LMCA5/P21`. It says what will change
 * and writes nothing until the user confirms: "Rewrite" applies one WorkspaceEdit (undoable), "Preview…" opens
 * VS Code's refactor preview, where each change can be looked at and unticked. Tests pass
 * `{ scope: 'account' | 'portfolio', confirm: 'Rewrite' | 'Cancel' }` to skip the questions.
 */
import * as vscode from 'vscode';
import type { BareCriteriaMode } from '../../../server/src/core';
import { planCanonicalRewrite, type RewritePlan } from '../canonicalPlan';
import type { CriteriaCache } from '../criteriaCache';
import { chooseFolder } from './files';

interface RewriteArgs {
  scope?: 'account' | 'portfolio';
  confirm?: 'Rewrite' | 'Preview…' | 'Cancel';
}

const SHOWN = 15;

async function accountsInScope(scope: 'account' | 'portfolio'): Promise<vscode.TextDocument[]> {
  const active = vscode.window.activeTextEditor?.document;
  if (scope === 'account') return active?.languageId === 'markdown' ? [active] : [];
  const folder = await chooseFolder(active?.uri);
  if (!folder) return [];
  const config = vscode.workspace.getConfiguration('reflectiveAccounts', folder.uri);
  const include = config.get<string[]>('include') ?? ['**/*.md'];
  const exclude = config.get<string[]>('exclude') ?? [];
  const found = await vscode.workspace.findFiles(
    new vscode.RelativePattern(folder, `{${include.join(',')}}`),
    exclude.length ? `{${exclude.join(',')}}` : undefined,
  );
  return Promise.all(found.map((uri) => vscode.workspace.openTextDocument(uri)));
}

function toWorkspaceEdit(plan: RewritePlan, needsConfirmation: boolean): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const account of plan.accounts) {
    const uri = vscode.Uri.parse(account.uri);
    for (const e of account.edits) {
      edit.replace(uri, new vscode.Range(e.line, e.character, e.endLine, e.endCharacter), e.newText, {
        needsConfirmation,
        label: 'Canonical citation',
      });
    }
  }
  return edit;
}

export async function rewriteCanonical(cache: CriteriaCache, args?: unknown): Promise<RewritePlan | undefined> {
  const given = (args && typeof args === 'object' ? args : {}) as RewriteArgs;
  const scope =
    given.scope ??
    (
      await vscode.window.showQuickPick(
        [
          { label: 'This account', value: 'account' as const },
          { label: 'Every account in this portfolio', value: 'portfolio' as const },
        ],
        { placeHolder: 'Rewrite citations in canonical form (LMCA5/P21) in…' },
      )
    )?.value;
  if (!scope) return undefined;
  const lookup = cache.lookup.loaded ? cache.lookup : await cache.refresh();
  const docs = await accountsInScope(scope);
  const bare =
    vscode.workspace.getConfiguration('reflectiveAccounts').get<BareCriteriaMode>('bareCriteria') ?? 'context';
  const plan = planCanonicalRewrite(
    docs.map((d) => ({ uri: d.uri.toString(), name: vscode.workspace.asRelativePath(d.uri), text: d.getText() })),
    lookup,
    bare,
  );
  if (plan.citations === 0) {
    void vscode.window.showInformationMessage(
      `Every citation is already in canonical form` +
        (plan.left ? `; ${plan.left} left as written (see the not-counted warnings).` : '.'),
    );
    return plan;
  }
  const changes = plan.accounts.flatMap((a) => a.changes);
  const detail =
    changes.slice(0, SHOWN).join('\n') +
    (changes.length > SHOWN ? `\n… and ${changes.length - SHOWN} more` : '') +
    (plan.left
      ? `\n\n${plan.left} citation-shaped text(s) will be left as written (their unit is not clear, or they count nothing).`
      : '');
  const accounts = plan.accounts.filter((a) => a.edits.length).length;
  const answer =
    given.confirm ??
    (await vscode.window.showWarningMessage(
      `Rewrite ${plan.citations} citation(s) in ${accounts} account(s) in canonical form?`,
      { modal: true, detail },
      'Rewrite',
      'Preview…',
    ));
  if (answer === 'Rewrite') await vscode.workspace.applyEdit(toWorkspaceEdit(plan, false));
  else if (answer === 'Preview…')
    await vscode.workspace.applyEdit(toWorkspaceEdit(plan, true), { isRefactoring: true });
  return plan;
}
