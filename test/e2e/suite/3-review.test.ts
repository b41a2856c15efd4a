/**
 * Review in VS Code (#16): a thread started, replied to and resolved through the extension's commands (the
 * same ones the Comments UI runs), written into the account as a comment and shown as a comment thread and a
 * review-note diagnostic; then a criterion accepted by the panel's decision path, checked in .assessment.yaml.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { accountUri, openAccount, ours, waitFor, waitForDiagnostics, workspaceFolder } from './helpers';

const Review = {
  startThread: 'reflectiveAccounts.review.startThread',
  reply: 'reflectiveAccounts.review.reply',
  resolve: 'reflectiveAccounts.review.resolve',
  decide: 'reflectiveAccounts.review.decide',
} as const;

async function read(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

suite('Reflective Accounts in VS Code: review', function () {
  let original: string;

  suiteSetup(async function () {
    this.timeout(120_000);
    await vscode.workspace
      .getConfiguration('reflectiveAccounts')
      .update('review.name', 'J Smith', vscode.ConfigurationTarget.Global);
    original = await read(accountUri('ra2.md'));
    // Earlier suites leave ra2.md with unsaved edits put back; reverted, a thread action is the only change, so it is saved.
    await openAccount('ra2.md');
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await waitFor(async () => (await vscode.commands.getCommands(true)).includes(Review.startThread), {
      what: 'the review commands',
      timeout: 60_000,
    });
  });

  suiteTeardown(async () => {
    const doc = await openAccount('ra2.md', false);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), original);
    await vscode.workspace.applyEdit(edit);
    await doc.save();
  });

  test('start a thread, reply, resolve: each step written into the account, readable as text', async () => {
    const doc = await openAccount('ra2.md');
    const line = doc
      .getText()
      .split('\n')
      .findIndex((l) => l.includes('(LMCA5/P7, P10)'));
    assert.ok(line > 0);
    const id = await vscode.commands.executeCommand<string>(Review.startThread, {
      uri: doc.uri.toString(),
      line,
      text: 'Which questions did the team ask? Say what changed because of them.',
    });
    assert.match(id ?? '', /^r[a-z0-9]{4}$/);
    const started = await waitFor(
      async () => {
        const text = await read(doc.uri);
        return text.includes(`<!-- review #${id} open`) && text;
      },
      { what: 'the thread saved in ra2.md' },
    );
    const lines = started.split('\n');
    assert.equal(lines[line + 1], `<!-- review #${id} open`, 'the thread sits under the line it is about');
    assert.match(lines[line + 2], /^J Smith, \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC:$/);
    assert.equal(lines[line + 3], '  Which questions did the team ask? Say what changed because of them.');
    assert.equal(lines[line + 4], '-->');

    const note = await waitForDiagnostics("a review-note on the thread's line", () =>
      ours(doc.uri, 'review-note').find((d) => d.range.start.line === line),
    );
    assert.equal(note.severity, vscode.DiagnosticSeverity.Information);
    assert.match(note.message, /^Review \(open\): J Smith: Which questions did the team ask\?/);

    await vscode.commands.executeCommand(Review.reply, {
      uri: doc.uri.toString(),
      id,
      text: 'They asked who covers\nweekend visits.',
    });
    const replied = await waitFor(
      async () => {
        const text = await read(doc.uri);
        return text.includes('  weekend visits.') && text;
      },
      { what: 'the reply saved' },
    );
    assert.match(
      replied,
      new RegExp(
        `<!-- review #${id} open\\nJ Smith, .* UTC:\\n  Which questions[^\\n]*\\nJ Smith, .* UTC:\\n  They asked who covers\\n  weekend visits\\.\\n-->`,
      ),
    );

    await vscode.commands.executeCommand(Review.resolve, { uri: doc.uri.toString(), id });
    await waitFor(async () => (await read(doc.uri)).includes(`<!-- review #${id} resolved`), {
      what: 'the thread resolved in the file',
    });
    await waitForDiagnostics('the review-note gone once resolved', () => ours(doc.uri, 'review-note').length === 0);
    assert.equal(doc.isDirty, false, 'saved: the reviewer asked for each change');
  });

  test('accept a criterion as the panel does: .assessment.yaml written with who, when and the evidence digest', async () => {
    const folder = workspaceFolder().uri;
    const file = vscode.Uri.joinPath(folder, '.assessment.yaml');
    const ok = await vscode.commands.executeCommand<boolean>(Review.decide, {
      folder: folder.toString(),
      criterion: 'LMCA5/P7',
      decision: 'accepted',
    });
    assert.equal(ok, true);
    const text = await waitFor(
      async () => {
        try {
          return await read(file);
        } catch {
          return undefined;
        }
      },
      { what: '.assessment.yaml written' },
    );
    assert.match(text, /^# Assessor decisions for this portfolio/);
    assert.match(
      text,
      /decisions:\n {2}LMCA5\/P7:\n {4}decision: accepted\n {4}by: J Smith\n {4}at: \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z\n {4}evidence: [0-9a-f]{8}\n/,
    );
    // Not cited anywhere: refused, and the file is left as it was.
    const refused = await vscode.commands.executeCommand<boolean>(Review.decide, {
      folder: folder.toString(),
      criterion: 'LMCA5/P29',
      decision: 'accepted',
    });
    assert.equal(refused, false);
    assert.equal(await read(file), text);
  });
});
