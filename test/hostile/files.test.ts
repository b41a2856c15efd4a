/**
 * Files that are not accounts: too big, binary, not UTF-8. Each is skipped with a message that names it and
 * says why, once, and the rest of the portfolio is still analysed (checked through the CLI, which reads a
 * real folder with the same code as the server).
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../server/src/cli/main';
import { decodeAccount } from '../../server/src/io/accountFiles';
import { hugeAccount } from './inputs';
import { timed, timedAsync } from './timing';

const bytes = (...xs: number[]) => Uint8Array.from(xs);
const utf8 = (s: string) => new TextEncoder().encode(s);

/** Files that must be skipped, with the reason each gets. */
const NOT_ACCOUNTS: Array<[string, Uint8Array, RegExp]> = [
  ['nul.md', utf8('LMCA5/P1 \u0000 binary'), /binary file/],
  ['png.md', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d), /binary file/],
  ['utf16.md', bytes(0xff, 0xfe, 0x4c, 0, 0x4d, 0, 0x43, 0), /binary file/],
  ['latin1.md', bytes(0x63, 0x61, 0x66, 0xe9, 0x20, 0x4c), /not valid UTF-8/],
  ['lone-ff.md', bytes(0x4c, 0xff, 0x4d), /not valid UTF-8/],
  ['overlong.md', bytes(0x2f, 0xc0, 0xaf, 0x50, 0x31), /not valid UTF-8/],
  ['surrogate.md', bytes(0x4c, 0xed, 0xa0, 0x80), /not valid UTF-8/],
  ['truncated.md', bytes(0x4c, 0x4d, 0xe2, 0x82), /not valid UTF-8/],
  ['beyond-unicode.md', bytes(0xf4, 0x90, 0x80, 0x80), /not valid UTF-8/],
];

function tempFolder(files: Record<string, string | Uint8Array>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ra-hostile-'));
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content);
  return dir;
}

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

describe('hostile: files that are not accounts', () => {
  for (const [name, content, reason] of NOT_ACCOUNTS) {
    it(`decodeAccount skips ${name}`, () => {
      const decoded = decodeAccount(content, 2_000_000);
      assert.ok('reason' in decoded, `${name} is not read as text`);
      assert.match(decoded.reason, reason);
    });
  }

  it('decodeAccount skips a 10 MB file over maxFileSize and reads it once the limit is raised', () => {
    const big = utf8(hugeAccount(10_000_000));
    const skipped = decodeAccount(big, 2_000_000);
    assert.ok(
      'reason' in skipped &&
        /larger than reflectiveAccounts\.maxFileSize \(10000000 > 2000000 bytes\)/.test(skipped.reason),
    );
    const read = timed('10 MB file: decodeAccount with maxFileSize 20 MB', () => decodeAccount(big, 20_000_000));
    assert.ok('text' in read && read.text.length === 10_000_000);
  });

  it('decodeAccount removes one UTF-8 byte order mark and reads an empty file', () => {
    assert.deepEqual(decodeAccount(bytes(0xef, 0xbb, 0xbf, 0x4c), 100), { text: 'L' });
    assert.deepEqual(decodeAccount(bytes(), 100), { text: '' });
  });

  it('check skips each bad file once, by name and reason, and still checks the good one', async () => {
    const files: Record<string, string | Uint8Array> = Object.fromEntries(NOT_ACCOUNTS.map(([n, c]) => [n, c]));
    files['huge.md'] = hugeAccount(10_000_000);
    files['good.md'] = 'I planned the rota (LMCA5/P1) and LMCA6/P1.\n';
    const dir = tempFolder(files);
    try {
      const r = await timedAsync('CLI check of a folder with a 10 MB, binary and non-UTF-8 files', () =>
        cli('check', dir),
      );
      assert.equal(r.code, 1, 'exit 1: good.md has an unknown unit');
      assert.match(r.stdout, /good\.md:1:\d+ error unknown-unit Unknown unit LMCA6\. Did you mean LMCA5\?/);
      assert.doesNotMatch(r.stdout, /huge\.md|nul\.md|latin1\.md/);
      for (const [name, , reason] of [
        ...NOT_ACCOUNTS,
        ['huge.md', undefined, /larger than reflectiveAccounts\.maxFileSize/] as const,
      ]) {
        const lines = r.stderr.split('\n').filter((l) => l.includes(`${path.sep}${name}:`) || l.includes(`/${name}:`));
        assert.equal(lines.length, 1, `one message for ${name}: ${JSON.stringify(lines)}`);
        assert.match(lines[0], /^skipped /);
        assert.match(lines[0], reason);
      }
      assert.match(r.stderr, /1 account\(s\)/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
