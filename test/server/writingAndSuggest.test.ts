/** Writing checks, criterion suggestions and word counts over LSP, as an editor meets them. */
import { strict as assert } from 'node:assert';
import { applyEdits, positionOf, startTestServer, uriOf, type TestClient } from './harness';

const RA1 = [
  '---',
  'units: [LMCA5]',
  '---',
  'Margaret Thomson moved in last spring. I would ask her family first next time.',
  '',
  "I shared out the work by each worker's skills and workload, and used supervision to follow it up. Later I told",
  "Margaret Thomson's son.",
  '',
].join('\n');

describe('server: writing checks and suggestions over LSP', function () {
  for (const picker of [false, true]) {
    describe(picker ? 'a client with its own pick list (VS Code)' : 'a client without one', () => {
      let client: TestClient;
      const ra1 = uriOf('/ws/ra1.md');
      before(async () => {
        client = await startTestServer({
          files: { '/ws/ra1.md': RA1 },
          settings: { wordCount: { target: { min: 500, max: 1500 } } },
          initializationOptions: picker ? { suggestPicker: true } : undefined,
        });
        client.open(ra1, RA1);
      });
      after(() => client.stop());

      it('reports hypothetical and identifiable-person diagnostics of the open account', async () => {
        const found = (await client.diagnostics(ra1)).filter(
          (d) => d.code === 'hypothetical' || d.code === 'identifiable-person',
        );
        assert.deepEqual(
          found.map((d) => [d.code, d.severity, d.range.start.line]),
          [
            ['identifiable-person', 2, 3],
            ['hypothetical', 4, 3],
            ['identifiable-person', 2, 6],
          ],
        );
      });

      it('quick fix: replaces the name with its initials throughout the account', async () => {
        const actions = await client.request('textDocument/codeAction', {
          textDocument: { uri: ra1 },
          range: { start: positionOf(RA1, 'Thomson'), end: positionOf(RA1, 'Thomson') },
          context: { diagnostics: [], only: ['quickfix'] },
        });
        assert.deepEqual(
          actions.map((a: any) => a.title),
          ['Replace “Margaret Thomson” with “MT” throughout this account'],
        );
        const fixed = applyEdits(RA1, actions[0].edit.changes[ra1]);
        assert.ok(!fixed.includes('Margaret'));
        assert.match(fixed, /^MT moved in/m);
        assert.match(fixed, /^MT's son\./m);
      });

      it('hover explains the check', async () => {
        const hover = await client.request('textDocument/hover', client.at(ra1, 3, 50));
        assert.match(hover.contents.value, /Hypothetical writing/);
        assert.match(hover.contents.value, /reflectiveAccounts\.writing\.hypothetical/);
      });

      it(
        picker
          ? 'offers one action that opens the pick list'
          : 'offers the top five criteria as actions that cite them',
        async () => {
          const at = positionOf(RA1, 'workload');
          const actions = await client.request('textDocument/codeAction', {
            textDocument: { uri: ra1 },
            range: { start: at, end: at },
            context: { diagnostics: [] },
          });
          const cite = actions.filter((a: any) => a.kind === 'refactor.rewrite');
          if (picker) {
            assert.deepEqual(
              cite.map((a: any) => [a.title, a.command.command, a.command.arguments]),
              [['Cite a criterion this paragraph evidences…', 'reflectiveAccounts.citeCriterion', [ra1, at]]],
            );
          } else {
            assert.equal(cite.length, 5);
            assert.match(cite[0].title, /^Cite LMCA5\/[PK]\d+: .+ \(shares .+\)$/);
            const code = /^Cite (\S+):/.exec(cite[0].title)![1];
            assert.ok(applyEdits(RA1, cite[0].edit.changes[ra1]).includes(`follow it up (${code}). Later`));
          }
        },
      );

      it('answers the suggest request with edits at the end of the sentence', async () => {
        const result = await client.request('reflectiveAccounts/suggest', {
          uri: ra1,
          position: positionOf(RA1, 'skills'),
          top: 3,
        });
        assert.deepEqual(result.paragraph, { line: 5, endLine: 6 });
        assert.equal(result.suggestions.length, 3);
        for (const s of result.suggestions) {
          assert.match(s.code, /^LMCA5\//);
          assert.ok(s.why.length > 0);
          assert.equal(s.edit.newText, ` (${s.code})`);
          assert.deepEqual(s.edit.range.start, positionOf(RA1, '. Later'));
        }
        const none = await client.request('reflectiveAccounts/suggest', {
          uri: ra1,
          position: { line: 1, character: 3 },
        });
        assert.deepEqual(none, { paragraph: null, suggestions: [] });
      });

      it('answers the word count against the target', async () => {
        const count = await client.request('reflectiveAccounts/wordCount', { uri: ra1 });
        assert.deepEqual(count, {
          words: 38,
          target: { min: 500, max: 1500 },
          standing: 'below',
          label: '38 words (target 500–1,500)',
        });
      });

      it('turns a check off through settings', async () => {
        const refreshed = client.next('refresh');
        client.settings = { writing: { hypothetical: 'off', identifiablePerson: 'off' } };
        await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
        await refreshed;
        // A refresh already on its way for an earlier change may be the one awaited: then the settings' own
        // refresh follows, and the diagnostics are asked again after it.
        let codes: string[] = (await client.diagnostics(ra1)).map((d) => d.code);
        for (let i = 0; i < 3 && codes.includes('hypothetical'); i++) {
          await client.next('refresh', undefined, 3000).catch(() => undefined);
          codes = (await client.diagnostics(ra1)).map((d) => d.code);
        }
        assert.ok(!codes.includes('hypothetical') && !codes.includes('identifiable-person'), codes.join());
      });
    });
  }
});
