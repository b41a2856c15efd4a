/**
 * The language features, through VS Code's own API, against the fixture portfolio (test/e2e/fixtures/portfolio):
 *   ra1.md  units [LMCA5]         cites LMCA5/P1, P2, P5, P6, K45 (K47 only in a comment, P9 only in inline code)
 *   ra2.md  units [LMCB2, LMCA5]  cites LMCB2/P6, P9, P30 and LMCA5/P7, P10
 *   ra3.md  units [LMCA5]         LMCA5/P30 (no such criterion), LMCA6/P4 (no such unit), scdlmca5/p11 (alias)
 * so LMCA5 has P1, P2, P5, P6, P7, P10, P11 and K45 covered: 22 of 29 P and 99 of 100 K not yet covered.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  bySortText,
  completionsAt,
  EXTENSION_ID,
  hoverText,
  insertText,
  labelOf,
  openAccount,
  ours,
  positionOf,
  rangeOf,
  waitFor,
  waitForDiagnostics,
  withRestoredText,
} from './helpers';

const ALL_LMCA5 = [
  ...Array.from({ length: 29 }, (_, i) => `P${i + 1}`),
  ...Array.from({ length: 100 }, (_, i) => `K${i + 1}`),
];

/** "LMCA5: 22 of 29 performance criteria and 99 of 100 knowledge points not yet covered: …" → [22, 99]. */
function uncoveredCounts(message: string): [number, number] {
  const p = /(\d+) of 29 performance criteria/.exec(message);
  const k = /(\d+) of 100 knowledge points/.exec(message);
  return [p ? Number(p[1]) : 0, k ? Number(k[1]) : 0];
}

function lmca5Uncovered(uri: vscode.Uri): vscode.Diagnostic | undefined {
  return ours(uri, 'uncovered').find((d) => d.message.startsWith('LMCA5:'));
}

suite('Reflective Accounts in VS Code: language features', function () {
  let ra1: vscode.TextDocument;
  let ra2: vscode.TextDocument;
  let ra3: vscode.TextDocument;

  suiteSetup(async function () {
    this.timeout(120_000);
    // Each account in its own tab, as a person would have them: VS Code pulls diagnostics for open tabs.
    ra3 = await openAccount('ra3.md');
    ra2 = await openAccount('ra2.md');
    ra1 = await openAccount('ra1.md');
  });

  test('the extension activates when an account is opened', async function () {
    this.timeout(150_000);
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is installed`);
    await waitFor(() => ext.isActive, {
      what: `${EXTENSION_ID} to activate on opening a Markdown account`,
      timeout: 60_000,
    });
    // The language server is up once the portfolio's diagnostics arrive.
    await waitForDiagnostics('the first diagnostics of the portfolio', () => ours(ra3.uri).length > 0, 60_000);
  });

  test('completion after LMCA5/ offers all 129 criteria', async () => {
    await withRestoredText(ra1, async () => {
      const end = ra1.positionAt(ra1.getText().length);
      await insertText(ra1, end, '\nI planned the rota (LMCA5/');
      const at = ra1.positionAt(ra1.getText().length);
      const items = await waitFor(
        async () => {
          const got = (await completionsAt(ra1, at)).filter((i) => /^[PK]\d+$/.test(labelOf(i)));
          return got.length >= ALL_LMCA5.length && got;
        },
        { what: 'criteria completions after LMCA5/' },
      );
      const labels = items.map(labelOf);
      assert.equal(labels.length, 129, 'one item per criterion, no duplicates');
      assert.deepEqual([...labels].sort(), [...ALL_LMCA5].sort());
      const p21 = items.find((i) => labelOf(i) === 'P21')!;
      assert.ok(p21.detail && p21.detail.length > 0, 'P21 has a detail (short text and coverage)');
    });
  });

  test('completion ranks criteria by their text: LMCA5/superv finds K45', async () => {
    await withRestoredText(ra1, async () => {
      await insertText(ra1, ra1.positionAt(ra1.getText().length), '\nI used it in supervision (LMCA5/superv');
      const at = ra1.positionAt(ra1.getText().length);
      const items = await waitFor(
        async () => {
          const got = await completionsAt(ra1, at);
          return got.some((i) => labelOf(i) === 'K45') && got;
        },
        { what: 'K45 among the completions for LMCA5/superv' },
      );
      const firstFive = bySortText(items).slice(0, 5).map(labelOf);
      assert.ok(firstFive.includes('K45'), `K45 among the first items, got ${firstFive.join(', ')}`);
    });
  });

  test('hover on a citation shows the unit, the criterion text and where it is cited', async () => {
    const hovers = await waitFor(
      async () => {
        const got = await vscode.commands.executeCommand<vscode.Hover[]>(
          'vscode.executeHoverProvider',
          ra1.uri,
          positionOf(ra1, 'LMCA5/P1)', 7),
        );
        return got && got.length > 0 && got;
      },
      { what: 'a hover on LMCA5/P1' },
    );
    const text = hoverText(hovers);
    assert.match(text, /LMCA5/);
    assert.match(text, /Lead work with individuals, key people and others to identify areas of work/);
    assert.match(text, /RA1/, 'names the evidence citing it');
  });

  test('an unknown criterion is an error with a stable code', async () => {
    const d = await waitForDiagnostics(
      'unknown-criterion on LMCA5/P30 in ra3.md',
      () => ours(ra3.uri, 'unknown-criterion')[0],
    );
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(d.message, 'LMCA5 has no performance criterion P30 (P1–P29)');
    assert.ok(d.range.intersection(rangeOf(ra3, 'LMCA5/P30')), 'placed on the citation');
  });

  test('the uncovered message counts the portfolio, on the units: entry', async () => {
    const d = await waitForDiagnostics('the LMCA5 uncovered message in ra1.md', () => lmca5Uncovered(ra1.uri));
    assert.equal(d.severity, vscode.DiagnosticSeverity.Information);
    assert.deepEqual(uncoveredCounts(d.message), [22, 99], d.message);
    assert.match(d.message, /not yet covered: P3/, d.message);
    assert.equal(d.range.start.line, 3, 'on the units: line of the front matter');
  });

  test('uncovered refreshes across files after an unsaved edit in another account', async () => {
    const before = uncoveredCounts(lmca5Uncovered(ra1.uri)!.message);
    await withRestoredText(ra2, async () => {
      await insertText(ra2, positionOf(ra2, 'had gone.', 'had gone'.length), ' (LMCA5/P3, K47)');
      assert.ok(ra2.isDirty, 'the edit is not saved');
      const after = await waitForDiagnostics('ra1.md to count P3 and K47 cited in ra2.md', () => {
        const d = lmca5Uncovered(ra1.uri);
        return d && uncoveredCounts(d.message)[0] === before[0] - 1 && d;
      });
      assert.deepEqual(uncoveredCounts(after.message), [before[0] - 1, before[1] - 1], after.message);
      assert.doesNotMatch(after.message, /: P3\b/);
    });
    // Undoing the edit brings the gap back.
    await waitForDiagnostics('ra1.md to count the portfolio as before', () => {
      const d = lmca5Uncovered(ra1.uri);
      return d && uncoveredCounts(d.message)[0] === before[0];
    });
  });

  /** The quick fixes VS Code offers for one of our diagnostics. */
  async function quickFixesFor(doc: vscode.TextDocument, diagnostic: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      diagnostic.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    return (actions ?? []).filter((a) => a.edit);
  }

  test('a quick fix replaces an unknown unit with the likely one', async () => {
    await withRestoredText(ra3, async () => {
      const diagnostic = await waitForDiagnostics('unknown-unit on LMCA6/P4', () =>
        ours(ra3.uri, 'unknown-unit').find((d) => d.range.intersection(rangeOf(ra3, 'LMCA6/P4'))),
      );
      assert.equal(diagnostic.message, 'Unknown unit LMCA6. Did you mean LMCA5?');
      const actions = await quickFixesFor(ra3, diagnostic);
      const fix = actions.find((a) => a.isPreferred) ?? actions[0];
      assert.ok(fix?.edit, 'a quick fix is offered');
      assert.equal(fix.title, 'Replace with LMCA5');
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      assert.match(ra3.lineAt(diagnostic.range.start.line).text, /\(LMCA5\/P4\)/);
      await waitForDiagnostics(
        'unknown-unit to go away after the fix',
        () => ours(ra3.uri, 'unknown-unit').length === 0,
      );
    });
  });

  test('quick fixes rewrite an alias in lower case to the canonical form', async () => {
    await withRestoredText(ra3, async () => {
      const line = positionOf(ra3, 'scdlmca5/p11').line;
      const onLine = () => ours(ra3.uri, 'non-canonical').filter((d) => d.range.start.line === line);
      const first = await waitForDiagnostics('non-canonical on scdlmca5/p11', () => onLine().length > 0 && onLine());
      assert.ok(first.some((d) => d.severity === vscode.DiagnosticSeverity.Hint));
      // One fix per spelling (unit, then item) or one for the whole file: apply until none is left.
      for (let round = 0; onLine().length > 0; round++) {
        assert.ok(round < 3, `non-canonical left after ${round} fixes: ${ra3.lineAt(line).text}`);
        const before = onLine().length;
        const [fix] = await quickFixesFor(ra3, onLine()[0]);
        assert.ok(fix?.edit, `a quick fix for ${onLine()[0].message}`);
        assert.ok(await vscode.workspace.applyEdit(fix.edit), `"${fix.title}" applied`);
        await waitForDiagnostics('the fixed spelling to lose its hint', () => onLine().length < before);
      }
      assert.match(ra3.lineAt(line).text, /\(LMCA5\/P11\)/);
    });
  });

  test('go to definition opens the unit document at the criterion', async () => {
    const found = await waitFor(
      async () => {
        const got = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>(
          'vscode.executeDefinitionProvider',
          ra1.uri,
          positionOf(ra1, 'LMCA5/P2)', 7),
        );
        return got && got.length > 0 && got;
      },
      { what: 'a definition for LMCA5/P2' },
    );
    const target = 'targetUri' in found[0] ? found[0].targetUri : found[0].uri;
    const range = 'targetUri' in found[0] ? found[0].targetRange : found[0].range;
    assert.equal(target.scheme, 'reflective-accounts-unit');
    const unitDoc = await vscode.workspace.openTextDocument(target);
    assert.match(unitDoc.getText(), /Prioritise identified areas of work to achieve positive outcomes for individuals/);
    const lines = unitDoc
      .getText()
      .split('\n')
      .slice(range.start.line, range.end.line + 1)
      .join('\n');
    assert.match(lines, /P2\b/, `the definition range points at P2: ${lines}`);
  });
});
