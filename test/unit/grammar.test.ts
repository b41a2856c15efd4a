/**
 * The TextMate injection grammar (syntaxes/citations.injection.json) against the shared table of citation
 * examples, so the highlighting and the core grammar (server/src/core/citations/codes.ts) cannot drift apart. The
 * grammar runs inside the real Markdown base grammar (the one VS Code ships, from the tm-grammars package) with
 * vscode-textmate and vscode-oniguruma, exactly as the editor would load it.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';
import { scanCitations } from '../../server/src/core/citations/codes';
import { buildCatalog } from '../../server/src/core/standards/standards';
import { bundledUnits } from '../../server/src/io/bundled';
import { rng } from './helpers';

const requireHere = createRequire(__filename);
const root = path.resolve(__dirname, '../..');
const INJECTION_SCOPE = 'markdown.reflective-accounts.citation';
const CITATION = 'meta.citation.reflective-accounts';
/** Whether a token lies in a citation, with its unit or bare (`meta.citation.reflective-accounts.bare`). */
const inCitation = (scopes: string[]) => scopes.some((s) => s === CITATION || s.startsWith(`${CITATION}.`));

interface Example {
  text: string;
  spans: string[];
}
const examples = (
  JSON.parse(readFileSync(path.join(root, 'test/fixtures/citation-examples.json'), 'utf8')) as { examples: Example[] }
).examples;

let grammarPromise: Promise<textmate.IGrammar> | undefined;

function markdownGrammar(): Promise<textmate.IGrammar> {
  grammarPromise ??= (async () => {
    const wasm = readFileSync(requireHere.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const files: Record<string, string> = {
      'text.html.markdown': requireHere.resolve('tm-grammars/grammars/markdown.json'),
      [INJECTION_SCOPE]: path.join(root, 'syntaxes/citations.injection.json'),
    };
    const registry = new textmate.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
        createOnigString: (s: string) => new oniguruma.OnigString(s),
      }),
      loadGrammar: async (scope) => {
        const file = files[scope];
        // Embedded languages (yaml, code fences) only need their regions excluded, so each is an empty grammar.
        // (Returning null instead would make vscode-textmate drop the rules that include them, front matter too.)
        if (!file) return textmate.parseRawGrammar(JSON.stringify({ scopeName: scope, patterns: [] }), `${scope}.json`);
        return textmate.parseRawGrammar(readFileSync(file, 'utf8'), file);
      },
      getInjections: (scope) => (scope === 'text.html.markdown' ? [INJECTION_SCOPE] : undefined),
    });
    const grammar = await registry.loadGrammar('text.html.markdown');
    assert.ok(grammar, 'the Markdown grammar loads');
    return grammar;
  })();
  return grammarPromise;
}

interface Token {
  text: string;
  scopes: string[];
}

/** Tokens of every line of a document, with the line index. */
async function tokenize(doc: string): Promise<Array<Token & { line: number }>> {
  const grammar = await markdownGrammar();
  let state = textmate.INITIAL;
  const out: Array<Token & { line: number }> = [];
  doc.split('\n').forEach((line, index) => {
    const result = grammar.tokenizeLine(line, state);
    for (const t of result.tokens) {
      out.push({ line: index, text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes });
    }
    state = result.ruleStack;
  });
  return out;
}

/** The texts of the maximal runs of tokens inside a citation scope, per line. */
async function highlightedSpans(doc: string): Promise<string[]> {
  const spans: string[] = [];
  let run: string | undefined;
  let runLine = -1;
  for (const t of await tokenize(doc)) {
    const inside = inCitation(t.scopes);
    if (inside && run !== undefined && t.line === runLine) run += t.text;
    else {
      if (run !== undefined) spans.push(run);
      run = inside ? t.text : undefined;
      runLine = t.line;
    }
  }
  if (run !== undefined) spans.push(run);
  return spans;
}

describe('TextMate injection grammar', () => {
  describe('highlights exactly the spans of the shared example table', () => {
    for (const example of examples) {
      it(JSON.stringify(example.text), async () => {
        assert.deepEqual(await highlightedSpans(example.text), example.spans);
      });
    }
  });

  it('scopes the unit, the separator, items and ranges', async () => {
    const tokens = (await tokenize('See LMCA5/P1, K38-K40 and SCDLMC A5/P3.')).filter((t) => inCitation(t.scopes));
    const scopeOf = (text: string) => tokens.find((t) => t.text === text)?.scopes.at(-1);
    assert.equal(scopeOf('LMCA5'), 'entity.name.type.unit.reflective-accounts');
    assert.equal(scopeOf('SCDLMC A5'), 'entity.name.type.unit.reflective-accounts');
    assert.equal(scopeOf('/'), 'punctuation.separator.unit.reflective-accounts');
    assert.equal(scopeOf('P1'), 'constant.numeric.criterion.reflective-accounts');
    assert.equal(scopeOf(', '), 'punctuation.separator.list.reflective-accounts');
    assert.equal(scopeOf('K38'), 'constant.numeric.criterion.range.reflective-accounts');
    assert.equal(scopeOf('-'), 'punctuation.separator.range.reflective-accounts');
  });

  const notCounted: Array<[string, string]> = [
    ['inline code', 'Text `LMCA5/P1` more'],
    ['fenced code', 'Before\n\n```\nLMCA5/P1\n```\n'],
    ['indented code', 'Before\n\n    LMCA5/P1 in code\n'],
    ['front matter', '---\ntitle: LMCA5/P1\nunits: [LMCA5]\n---\n'],
    ['an HTML comment block', '<!-- tutor: check LMCA5/P1 -->'],
    ['a bare URL', 'see https://example.org/LMCA5/P1'],
  ];
  for (const [where, doc] of notCounted) {
    it(`does not highlight inside ${where}`, async () => {
      assert.deepEqual(await highlightedSpans(doc), []);
    });
  }

  it('highlights in headings, lists, quotes, emphasis and link text', async () => {
    const doc = '# LMCA5/P1\n\n- item LMCA5/P2\n\n> quote LMCA5/P3\n\n**LMCA5/P4** and [LMCA5/P5](x.md)';
    assert.deepEqual(await highlightedSpans(doc), ['LMCA5/P1', 'LMCA5/P2', 'LMCA5/P3', 'LMCA5/P4', 'LMCA5/P5']);
  });

  it('agrees with the core scanner on 3,000 random lines made of the pieces citations are built from', async () => {
    await markdownGrammar(); // loads the WebAssembly regex engine
    const registry = new textmate.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
        createOnigString: (s: string) => new oniguruma.OnigString(s),
      }),
      // The injection grammar as a grammar of its own, so that no Markdown rule (lists, emphasis) gets in between.
      loadGrammar: async (scope) =>
        scope === 'citations'
          ? textmate.parseRawGrammar(
              readFileSync(path.join(root, 'syntaxes/citations.injection.json'), 'utf8').replace(
                `"${INJECTION_SCOPE}"`,
                '"citations"',
              ),
              'citations.json',
            )
          : null,
    });
    const grammar = (await registry.loadGrammar('citations'))!;
    const catalog = buildCatalog(bundledUnits());
    const pieces = [
      'LMCA5',
      'lmcb2',
      'H7LP',
      '04',
      'SCDLMC',
      'A5',
      'LMC',
      'XY12',
      '/',
      ' / ',
      'P',
      'PC',
      'PCs',
      'p',
      'K',
      'k',
      '1',
      '29',
      '1234',
      ',',
      ', ',
      ' and ',
      ' & ',
      ' to ',
      '-',
      '\u2013',
      ' - ',
      ':',
      '.',
      ' ',
      '  ',
      'a',
      'staff',
      '(',
      ')',
      '%',
      '_',
    ];
    const next = rng(1713);
    for (let i = 0; i < 3000; i++) {
      let text = '';
      for (let n = 1 + Math.floor(next() * 12); n > 0; n--) text += pieces[Math.floor(next() * pieces.length)];
      const spans: string[] = [];
      let run: string | undefined;
      for (const t of grammar.tokenizeLine(text, textmate.INITIAL).tokens) {
        if (inCitation(t.scopes)) run = (run ?? '') + text.slice(t.startIndex, t.endIndex);
        else if (run !== undefined) {
          spans.push(run);
          run = undefined;
        }
      }
      if (run !== undefined) spans.push(run);
      assert.deepEqual(
        spans,
        scanCitations(text, catalog.resolve).map((c) => text.slice(c.start, c.end)),
        JSON.stringify(text),
      );
    }
  });
});
