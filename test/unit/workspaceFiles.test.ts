/**
 * URI spelling and "is this file an account of that folder" are asked on every message, so they have fast
 * paths for the usual names. Whatever the name, the answers must be those of the general code: URL parsing,
 * then vscode-uri's spelling (every character but letters, digits, `-._~` and `/` percent-encoded), path.relative.
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readSettings } from '../../server/src/core/settings';
import { URI } from 'vscode-uri';
import { accountMatcher, isAccountFile } from '../../server/src/io/accountFiles';
import { encodedFileUri, normalizeUri, pathToUri, uriToPath } from '../../server/src/io/uris';
import { rng } from './helpers';

function referenceNormalize(uri: string): string {
  let file: string | undefined;
  try {
    file = uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    file = undefined;
  }
  return file === undefined ? uri : encodedFileUri(file);
}

const PIECES = [
  'ws',
  'ra1.md',
  'Jane Smith',
  "Jane's (2024)",
  'é',
  '%41',
  '%2F',
  '.',
  '..',
  '',
  'a~b_c-d',
  'notes.MD',
  '#',
  '?x',
  '+',
];

function randomPath(next: () => number): string {
  const n = 1 + Math.floor(next() * 5);
  const parts = Array.from({ length: n }, () => PIECES[Math.floor(next() * PIECES.length)]);
  return '/' + parts.join('/');
}

describe('workspace files: URI spelling and account membership', () => {
  it("spells every path as the general code does, which is vscode-uri's spelling", () => {
    const next = rng(5);
    for (let i = 0; i < 2000; i++) {
      const p = randomPath(next);
      assert.equal(pathToUri(p), encodedFileUri(p), p);
      // vscode-uri takes a leading `//` for a network share; on POSIX it is the root, made one slash first.
      assert.equal(encodedFileUri(p), URI.file(p.replace(/^\/+/, '/')).toString(), p);
    }
    assert.equal(
      pathToUri("/ws/Jane's portfolio (2024)/é.md"),
      'file:///ws/Jane%27s%20portfolio%20%282024%29/%C3%A9.md',
    );
    assert.equal(pathToUri('//ws/a.md'), 'file:///ws/a.md');
  });

  it('normalises every URI, and finds its path, as the general code does, plain ones included', () => {
    const next = rng(6);
    const uris = [
      'file:///ws/ra1.md',
      'file:///ws/./ra1.md',
      'file:///ws/sub/..',
      'file:///ws//ra1.md',
      'file://host/ws/a.md',
      'untitled:Untitled-1',
      'file:///ws/a%20b.md',
      'file:///ws/.',
      'file:///C:/ws/a.md',
    ];
    for (let i = 0; i < 2000; i++)
      uris.push('file://' + randomPath(next), 'file://' + encodedFileUri(randomPath(next)).slice(7));
    for (const uri of uris) assert.equal(normalizeUri(uri), referenceNormalize(uri), uri);
    for (const uri of uris) {
      let expected: string | undefined;
      try {
        expected = uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
      } catch {
        expected = undefined;
      }
      assert.equal(uriToPath(uri), expected, uri);
    }
  });

  it('counts the same files as accounts as path.relative and the globs would', () => {
    const settings = readSettings({ exclude: ['drafts/**'] });
    const matches = accountMatcher(settings);
    const reference = (folder: string, file: string) => {
      const rel = path.relative(folder, file);
      return !(rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) && matches(rel);
    };
    const next = rng(7);
    const folders = ['/ws', '/ws/', '/', '/ws/sub', '/ws/./sub', '/w'];
    for (let i = 0; i < 2000; i++) {
      const folder = folders[Math.floor(next() * folders.length)];
      const file = path.join('/ws', randomPath(next)).replace(/^(?!\/)/, '/') + (next() < 0.5 ? '.md' : '');
      const raw = next() < 0.2 ? `/ws/${PIECES[Math.floor(next() * PIECES.length)]}/../x.md` : file;
      assert.equal(isAccountFile(folder, settings, raw), reference(folder, raw), `${folder} ${raw}`);
    }
    assert.equal(isAccountFile('/ws', settings, '/ws/drafts/a.md'), false);
    assert.equal(isAccountFile('/ws', settings, '/ws/sub/a.md'), true);
  });
});
