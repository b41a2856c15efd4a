/**
 * The status bar item: "$(checklist) covered/total" for the active editor's portfolio (P and K together),
 * a tooltip with each unit's P and K, and a click that opens the coverage panel.
 */
import * as vscode from 'vscode';
import { Commands, type PortfolioCoverageDto } from '../../server/src/protocol';
import { portfolioFor, type CoverageStore } from './coverageStore';

/** Markdown-escapes text from the standards or the file system before it goes into a tooltip. */
function md(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, (ch) => `\\${ch}`);
}

export function summarise(p: PortfolioCoverageDto): { covered: number; total: number } {
  let covered = 0;
  let total = 0;
  for (const u of p.units) {
    covered += u.covered.P + u.covered.K;
    total += u.total.P + u.total.K;
  }
  return { covered, total };
}

function tooltipOf(p: PortfolioCoverageDto): vscode.MarkdownString {
  const tip = new vscode.MarkdownString(`**Coverage of ${md(p.folderName)}**\n\n`);
  if (p.units.length === 0) {
    tip.appendMarkdown('No units in scope yet: cite a criterion such as `LMCA5/P1`.\n\n');
  } else {
    tip.appendMarkdown('| Unit | P | K |\n|---|---:|---:|\n');
    for (const u of p.units)
      tip.appendMarkdown(`| ${md(u.code)} | ${u.covered.P}/${u.total.P} | ${u.covered.K}/${u.total.K} |\n`);
    tip.appendMarkdown(
      `\nCovered when cited in ${p.minimumEvidence} account${p.minimumEvidence === 1 ? '' : 's'}.\n\n`,
    );
  }
  tip.appendMarkdown('Click to open the coverage panel.');
  return tip;
}

export function registerStatusBar(store: CoverageStore): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('reflectiveAccounts.coverage', vscode.StatusBarAlignment.Right, 100);
  item.name = 'Reflective Accounts coverage';
  item.command = Commands.showCoverage;
  let lastUri: vscode.Uri | undefined;

  const update = () => {
    const editor = vscode.window.activeTextEditor;
    // Keep showing the last Markdown file's portfolio while the panel or another editor has focus.
    if (editor?.document.languageId === 'markdown' && editor.document.uri.scheme !== 'reflective-accounts-unit')
      lastUri = editor.document.uri;
    const p = portfolioFor(store.current, lastUri);
    if (!p) {
      item.hide();
      return;
    }
    const { covered, total } = summarise(p);
    item.text = `$(checklist) ${covered}/${total}`;
    item.tooltip = tooltipOf(p);
    item.accessibilityInformation = {
      label: `Coverage: ${covered} of ${total} criteria covered in ${p.folderName}`,
      role: 'button',
    };
    item.show();
  };
  update();
  return vscode.Disposable.from(item, store.onDidChange(update), vscode.window.onDidChangeActiveTextEditor(update));
}
