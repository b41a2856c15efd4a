/**
 * Reading accounts (server/src/io/accountFiles.ts), for the CLI and the server alike: Node's UTF-8 decoding
 * checked for replacement characters instead of the fatal decoder, the size asked before reading, the
 * include/exclude globs. Each must answer what the general path answers: decodeAccount, the matcher on
 * path.relative. And accounts are named relative to their portfolio folder, wherever the command is run.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readSettings } from '../../server/src/core/settings';
import {
  accountMatcher,
  decodeAccount,
  decodeAccountBuffer,
  listAccounts,
  readAccount,
  SKIP_REASON,
} from '../../server/src/io/accountFiles';
import { blockingNodeFileSystem, createServerFileSystem, nodeFileSystem } from '../../server/src/io/nodeFileSystem';
import type { FileSystem } from '../../server/src/io/deps';
import { displayPath, pathToUri } from '../../server/src/io/uris';
import { rng } from './helpers';

const bytes = (...xs: number[]) => Buffer.from(xs);
const utf8 = (s: string) => Buffer.from(s, 'utf8');
const BOM = [0xef, 0xbb, 0xbf];

/** Byte strings where the fast decoding could go wrong: byte order marks, NUL either side of the 8,000-byte probe, bad UTF-8. */
const TRICKY: Array<[string, Buffer]> = [
  ['empty', bytes()],
  ['plain', utf8('LMCA5/P1 plain')],
  ['one BOM', bytes(...BOM, 0x4c)],
  ['two BOMs', bytes(...BOM, ...BOM, 0x4c)],
  ['three BOMs', bytes(...BOM, ...BOM, ...BOM)],
  ['BOM only', bytes(...BOM)],
  ['BOM later', utf8('a\ufeffb')],
  ['U+FFFD written in the file', utf8('a \ufffd b')],
  ['U+FFFD and a bad byte', Buffer.concat([utf8('\ufffd'), bytes(0xff)])],
  ['NUL', utf8('a\u0000b')],
  ['NUL at byte 7999', Buffer.concat([Buffer.alloc(7999, 0x61), bytes(0)])],
  ['NUL at byte 8000', Buffer.concat([Buffer.alloc(8000, 0x61), bytes(0)])],
  ['NUL and bad UTF-8 late', Buffer.concat([Buffer.alloc(9000, 0x61), bytes(0, 0xff)])],
  ['latin1', bytes(0x63, 0x61, 0x66, 0xe9)],
  ['lone FF', bytes(0x4c, 0xff)],
  ['overlong', bytes(0x2f, 0xc0, 0xaf)],
  ['surrogate', bytes(0x4c, 0xed, 0xa0, 0x80)],
  ['truncated', bytes(0x4c, 0xe2, 0x82)],
  ['beyond Unicode', bytes(0xf4, 0x90, 0x80, 0x80)],
  ['F5 lead', bytes(0xf5, 0x80, 0x80, 0x80)],
  ['astral', utf8('𝒜 LMCA5/P1')],
  ['UTF-16 LE BOM', bytes(0xff, 0xfe, 0x4c, 0)],
];

function tempTree(files: Record<string, string | Buffer>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ra-files-'));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

describe('files: reading accounts agrees with the general path, on both disks', () => {
  it('decodeAccountBuffer answers as decodeAccount on tricky bytes', () => {
    for (const [name, b] of TRICKY) {
      for (const max of [2_000_000, b.length, Math.max(0, b.length - 1)]) {
        assert.deepEqual(decodeAccountBuffer(b, max), decodeAccount(b, max), `${name}, maxFileSize ${max}`);
      }
    }
  });

  it('decodeAccountBuffer answers as decodeAccount on 5,000 random byte strings', () => {
    const alphabet = [
      0x00, 0x0a, 0x41, 0x61, 0x2f, 0x7f, 0x80, 0xbf, 0xc0, 0xc2, 0xdf, 0xe0, 0xe2, 0xed, 0xef, 0xbb, 0xf0, 0xf4, 0xf5,
      0xff,
    ];
    const next = rng(99);
    for (let i = 0; i < 5000; i++) {
      const b = Buffer.from(
        Array.from({ length: Math.floor(next() * 12) }, () => alphabet[Math.floor(next() * alphabet.length)]),
      );
      assert.deepEqual(decodeAccountBuffer(b, 100), decodeAccount(b, 100), b.toString('hex'));
    }
  });

  it('decodeAccountBuffer with a length decodes only the first bytes, as decodeAccount does those bytes', () => {
    const alphabet = [0x00, 0x0a, 0x41, 0xbb, 0xbf, 0xc2, 0xe2, 0xef, 0xff];
    const next = rng(7);
    for (let i = 0; i < 2000; i++) {
      const b = Buffer.from(
        Array.from({ length: Math.floor(next() * 12) }, () => alphabet[Math.floor(next() * alphabet.length)]),
      );
      const length = Math.floor(next() * (b.length + 1));
      assert.deepEqual(
        decodeAccountBuffer(b, 8, length),
        decodeAccount(b.subarray(0, length), 8),
        `${b.toString('hex')} first ${length}`,
      );
    }
  });

  // The server's disk (blocking while fast), the non-blocking one it turns to and the CLI's (blocking) must give the same answers.
  for (const [name, disk] of [
    ['createServerFileSystem()', createServerFileSystem()],
    ['nodeFileSystem', nodeFileSystem],
    ['blockingNodeFileSystem', blockingNodeFileSystem],
  ] as Array<[string, FileSystem]>) {
    it(`readAccount through ${name} reads what decodeAccount makes of the whole file, around the limit, and refuses a big one by its size`, async () => {
      const sizes = [0, 1, 65_535, 65_536, 65_537, 131_072, 200_000];
      const files = Object.fromEntries(
        sizes.map((n) => [`f${n}.md`, Buffer.concat([bytes(...BOM), Buffer.alloc(n, 0x61)])]),
      );
      files['astral.md'] = Buffer.concat([Buffer.alloc(65_534, 0x62), utf8('𝒜𝒜')]);
      files['bad.md'] = Buffer.concat([Buffer.alloc(70_000, 0x62), bytes(0xff)]);
      files['nul.md'] = utf8('a\u0000b');
      const dir = tempTree(files);
      try {
        for (const name of Object.keys(files)) {
          const file = path.join(dir, name);
          for (const max of [2_000_000, 150_000, 65_536, 1_000, 0]) {
            const got = await readAccount(disk, file, max);
            const size = fs.statSync(file).size;
            const decoded = decodeAccount(fs.readFileSync(file), max);
            const want =
              size > max
                ? { skipped: SKIP_REASON.tooBig(size, max) }
                : 'text' in decoded
                  ? { text: decoded.text }
                  : { skipped: decoded.reason };
            assert.deepEqual(got, want, `${name}, maxFileSize ${max}`);
          }
        }
        assert.deepEqual(await readAccount(disk, path.join(dir, 'bad.md'), 2_000_000), {
          skipped: 'not valid UTF-8 text',
        });
        assert.deepEqual(await readAccount(disk, path.join(dir, 'nul.md'), 2_000_000), {
          skipped: 'binary file (contains NUL bytes)',
        });
        assert.equal(await readAccount(disk, path.join(dir, 'gone.md'), 1000), undefined);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it(`listAccounts through ${name} finds what the matcher on path.relative finds, sorted`, async () => {
      const dir = tempTree(
        Object.fromEntries(
          [
            'a.md',
            'B.MD',
            'c.txt',
            '.hidden.md',
            'sub/d.md',
            'sub/deeper/e.Md',
            '.dot/f.md',
            'node_modules/g.md',
            '.git/h.md',
            'sub/node_modules/i.md',
            'drafts/j.md',
            'x.md.bak',
            'sp ace/k.md',
            '..odd.md',
          ].map((f) => [f, 'x']),
        ),
      );
      try {
        for (const globs of [
          {},
          { include: ['sub/**/*.md'] },
          { exclude: ['drafts/**'] },
          { include: ['**/*'], exclude: ['**/*.txt'] },
        ]) {
          const settings = readSettings(globs);
          const matches = accountMatcher(settings);
          const want: string[] = [];
          const walk = (d: string) => {
            for (const e of fs.readdirSync(d, { withFileTypes: true })) {
              const full = path.join(d, e.name);
              if (e.isDirectory()) {
                if (e.name !== '.git' && e.name !== 'node_modules') walk(full);
              } else if (e.isFile() && matches(path.relative(dir, full).split(path.sep).join('/'))) want.push(full);
            }
          };
          walk(dir);
          assert.deepEqual(await listAccounts(disk, dir, settings), want.sort(), JSON.stringify(globs));
        }
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  it("the server's disk blocks while calls are quick, and stops blocking for good after one slow call", async () => {
    let clock = 0;
    const calls: string[] = [];
    const durations = [1, 5, 25]; // how long the blocking disk takes over its calls, in turn
    const disk = (name: string, takes: () => number): FileSystem => ({
      listFiles: async (folder) => (calls.push(`${name} list ${folder}`), []),
      stat: async (p) => {
        calls.push(`${name} stat ${p}`);
        clock += takes(); // a blocking disk answers within the call, the clock moving meanwhile
        return undefined;
      },
      readFile: async (file) => (calls.push(`${name} read ${file}`), new Uint8Array()),
    });
    const serverDisk = createServerFileSystem(
      disk('blocking', () => durations.shift() ?? 0),
      disk('nonBlocking', () => 0),
      () => clock,
    );
    for (const p of ['/a', '/b', '/c', '/d']) await serverDisk.stat(p);
    await serverDisk.readFile('/e');
    assert.deepEqual(calls, [
      'blocking stat /a',
      'blocking stat /b',
      'blocking stat /c', // 25 ms: slow
      'nonBlocking stat /d',
      'nonBlocking read /e',
    ]);
  });

  it('displayPath names an account relative to its portfolio folder, whatever the working directory', () => {
    const folder = path.join(path.sep, 'home', 'tutor', 'caseload', 'alice');
    const cases: Array<[string, string]> = [
      ['ra1.md', 'ra1.md'],
      ['drafts/ra2.md', 'drafts/ra2.md'],
      ['..odd.md', '..odd.md'],
      ['..dir/ra3.md', '..dir/ra3.md'],
      ["Jane's (2024)/é 1.md", "Jane's (2024)/é 1.md"],
    ];
    for (const [rel, shown] of cases) {
      const uri = pathToUri(path.join(folder, ...rel.split('/')));
      assert.equal(displayPath(uri, folder), shown, rel);
      assert.equal(displayPath(uri, folder + path.sep), shown, `${rel} (folder with a trailing separator)`);
    }
    const outside = path.join(path.sep, 'elsewhere', 'ra9.md');
    assert.equal(displayPath(pathToUri(outside), folder), outside, 'a file outside the folder keeps its full path');
    assert.equal(displayPath('untitled:Untitled-1', folder), 'untitled:Untitled-1');
  });
});
