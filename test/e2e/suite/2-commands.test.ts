/**
 * The extension's commands, through VS Code's API: the coverage panel (a webview tab), Insert Criterion… and the
 * evidence record export.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { allTabs, insertText, openAccount, waitFor, withRestoredText, workspaceFolder } from './helpers';

const Commands = {
  showCoverage: 'reflectiveAccounts.showCoverage',
  insertCriterion: 'reflectiveAccounts.insertCriterion',
  exportRecord: 'reflectiveAccounts.exportRecord',
} as const;

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

async function read(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

suite('Reflective Accounts in VS Code: commands', function () {
  suiteSetup(async function () {
    this.timeout(120_000);
    await openAccount('ra1.md');
    const commands = await waitFor(
      async () => {
        const all = await vscode.commands.getCommands(true);
        return Object.values(Commands).every((c) => all.includes(c)) && all;
      },
      { what: 'the extension to register its commands', timeout: 60_000 },
    );
    assert.ok(commands);
  });

  test('the coverage command opens the coverage panel as a webview', async () => {
    await vscode.commands.executeCommand(Commands.showCoverage);
    const tab = await waitFor(
      () => allTabs().find((t) => t.input instanceof vscode.TabInputWebview && /^Coverage\b/.test(t.label)),
      {
        what: 'a webview tab titled like "Coverage"',
        events: [vscode.window.tabGroups.onDidChangeTabs as vscode.Event<unknown>],
      },
    );
    assert.ok(tab.label.length > 0);
    await vscode.window.tabGroups.close(tab);
  });

  /** ra2.md active, a new last line "…with the team (" and the cursor at its end. */
  async function cursorAtNewLine(): Promise<{ doc: vscode.TextDocument; editor: vscode.TextEditor }> {
    const doc = await openAccount('ra2.md');
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor && editor.document === doc, 'ra2.md is the active editor');
    await insertText(doc, doc.positionAt(doc.getText().length), '\nI checked the plan with the team (');
    const at = doc.positionAt(doc.getText().length);
    editor.selection = new vscode.Selection(at, at);
    return { doc, editor };
  }

  function textChanged(doc: vscode.TextDocument, before: string, what: string): Promise<true> {
    return waitFor(() => doc.getText() !== before, {
      what,
      events: [vscode.workspace.onDidChangeTextDocument as vscode.Event<unknown>],
    });
  }

  test('Insert Criterion inserts the canonical code, then only the item in a list of that unit', async () => {
    const doc = await openAccount('ra2.md');
    await withRestoredText(doc, async () => {
      await cursorAtNewLine();
      let before = doc.getText();
      await vscode.commands.executeCommand(Commands.insertCriterion, { unit: 'scdlmca5', id: 'p21' });
      await textChanged(doc, before, 'LMCA5/P21 to be inserted');
      assert.equal(doc.getText(), `${before}LMCA5/P21`, 'the canonical form of an alias in lower case');

      await insertText(doc, doc.positionAt(doc.getText().length), ', ');
      before = doc.getText();
      await vscode.commands.executeCommand(Commands.insertCriterion, { unit: 'LMCA5', id: 'K45' });
      await textChanged(doc, before, 'K45 to be inserted');
      assert.equal(doc.getText(), `${before}K45`, 'a list continues its unit');
    });
  });

  test('Insert Criterion without arguments offers a pick list and inserts the chosen entry', async () => {
    const doc = await openAccount('ra2.md');
    await withRestoredText(doc, async () => {
      await cursorAtNewLine();
      const before = doc.getText();
      const running = vscode.commands.executeCommand(Commands.insertCriterion);
      // The pick list opens once the criteria are loaded: accept its selected (first) entry as soon as it shows.
      await waitFor(
        async () => {
          if (doc.getText() !== before) return true;
          await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
          return doc.getText() !== before;
        },
        {
          what: 'the pick list to insert a code',
          events: [vscode.workspace.onDidChangeTextDocument as vscode.Event<unknown>],
          interval: 250,
        },
      );
      await running;
      const inserted = /\((LMC[A-Z]\d)\/([PK]\d+)$/.exec(doc.getText());
      assert.ok(inserted, `a canonical citation at the cursor, got: ${doc.getText().slice(before.length - 10)}`);
      assert.ok(['LMCA5', 'LMCB2'].includes(inserted[1]), `a unit of this portfolio comes first: ${inserted[0]}`);
      assert.ok(doc.getText().startsWith(before), 'nothing else changed');
    });
  });

  test('export writes a new evidence record and refuses to overwrite it', async () => {
    await openAccount('ra1.md');
    // HTML, not Markdown: a .md record inside the portfolio would itself count as an account.
    const target = vscode.Uri.joinPath(workspaceFolder().uri, 'records', 'LMCA5-record.html');
    assert.equal(await exists(target), false, 'no record before the export');

    const first = await vscode.commands.executeCommand(Commands.exportRecord, {
      unit: 'LMCA5',
      format: 'html',
      target,
    });
    assert.equal(first, 'written');
    const text = await read(target);
    assert.match(text, /LMCA5/);
    assert.match(text, /Prioritise identified areas of work/, 'criterion texts are in the record');
    assert.match(text, /RA1/, 'evidence numbers are in the record');

    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode('signed off by the assessor\n'));
    const second = await vscode.commands.executeCommand(Commands.exportRecord, {
      unit: 'LMCA5',
      format: 'html',
      target,
    });
    assert.equal(second, 'exists');
    assert.equal(await read(target), 'signed off by the assessor\n', 'the existing file is untouched');

    const forced = await vscode.commands.executeCommand(Commands.exportRecord, {
      unit: 'LMCA5',
      format: 'html',
      target,
      overwrite: true,
    });
    assert.equal(forced, 'written', 'overwrite: true replaces it');
    assert.equal(await read(target), text);
  });
});
