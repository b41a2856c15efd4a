import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { compactDocuments } from '../../server/src/lsp/compactDocument';

/** An edit as a client sends it: a range of the current text replaced, in lines and UTF-16 characters. */
function randomEdit(doc: TextDocument, a: number, b: number, insert: string) {
  const text = doc.getText();
  const [s, e] = [Math.min(a, b) % (text.length + 1), Math.max(a, b) % (text.length + 1)];
  return { range: { start: doc.positionAt(Math.min(s, e)), end: doc.positionAt(Math.max(s, e)) }, text: insert };
}

describe('server: compact open documents', () => {
  it('gives back exactly the text it was given: BOM, CRLF, curly quotes, emoji, NBSP, plain ASCII', () => {
    for (const text of ['\ufeff---\r\ntitle: It’s mine\r\n---\r\nLMCA5/P1 😀', 'plain LMCA5/P1\n', 'café\u00a0LMCA5/K38', '']) {
      assert.equal(compactDocuments.create('file:///a.md', 'markdown', 1, text).getText(), text);
    }
  });

  it('keeps a lone surrogate (half an emoji) as it came', () => {
    for (const text of ['a\ud800b LMCA5/P1 ’', '\ude00’']) {
      assert.equal(compactDocuments.create('file:///a.md', 'markdown', 1, text).getText(), text);
    }
  });

  it('applies incremental edits exactly as the library document does', () => {
    const chars = fc.constantFrom('a', ' ', '\n', '\r\n', '’', '😀', 'LMCA5/P1', '\ufeff', 'é');
    const textArb = fc.array(chars, { maxLength: 30 }).map((a) => a.join(''));
    fc.assert(fc.property(textArb, fc.array(fc.tuple(fc.nat(), fc.nat(), textArb), { maxLength: 6 }), (start, edits) => {
      const reference = TextDocument.create('file:///a.md', 'markdown', 1, start);
      let compact = compactDocuments.create('file:///a.md', 'markdown', 1, start);
      let version = 1;
      for (const [a, b, insert] of edits) {
        const change = randomEdit(reference, a, b, insert);
        version++;
        TextDocument.update(reference, [change], version);
        compact = compactDocuments.update(compact, [change], version);
        assert.equal(compact.getText(), reference.getText());
        assert.equal(compact.version, version);
      }
    }), { numRuns: 300 });
  });
});
