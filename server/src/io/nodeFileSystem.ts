/**
 * The real disk, behind the FileSystem interface (deps.ts) that the server and the CLI both read through;
 * the server's tests pass an in-memory FileSystem instead. Two flavours of the same answers:
 * - nodeFileSystem (the language server): non-blocking, so that messages are handled while files are read;
 * - blockingNodeFileSystem (the CLI): the same calls made synchronously under the promise. A command has
 *   nothing else to do meanwhile, and Node's asynchronous reads cost it several times the CPU of blocking
 *   ones (measured on 1,000 accounts: about 50 ms against 5 ms), which was a fifth of a `coverage` run.
 */
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import type { FileStat, FileSystem } from './deps';

/** Folders never worth descending into when looking for accounts. */
const SKIPPED_DIRS = new Set(['.git', 'node_modules']);

type ReadDir = (dir: string) => Promise<fs.Dirent[]> | fs.Dirent[];

/** Files under `folder` (recursively or not, never into SKIPPED_DIRS), sorted; [] when the folder does not exist. */
async function listFiles(readdir: ReadDir, folder: string, recursive: boolean): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    let entries: fs.Dirent[];
    try {
      entries = await readdir(dir);
    } catch {
      return;
    }
    // Names appended, not path.join per entry: for a thousand files that was a tenth of listing them.
    const prefix = dir.endsWith(path.sep) ? dir : dir + path.sep;
    for (const e of entries) {
      if (e.isDirectory()) {
        if (recursive && !SKIPPED_DIRS.has(e.name)) await walk(prefix + e.name);
      } else if (e.isFile()) {
        out.push(prefix + e.name);
      }
    }
  };
  await walk(path.normalize(folder));
  return out.sort();
}

function fileStat(s: fs.Stats | undefined): FileStat | undefined {
  return s && { size: s.size, isDirectory: s.isDirectory() };
}

export const nodeFileSystem: FileSystem = {
  listFiles: (folder, recursive) => listFiles((dir) => fsp.readdir(dir, { withFileTypes: true }), folder, recursive),
  async stat(p) {
    return fileStat(await fsp.stat(p).catch(() => undefined));
  },
  async readFile(file) {
    return fsp.readFile(file);
  },
};

export const blockingNodeFileSystem: FileSystem = {
  listFiles: (folder, recursive) => listFiles((dir) => fs.readdirSync(dir, { withFileTypes: true }), folder, recursive),
  async stat(p) {
    return fileStat(fs.statSync(p, { throwIfNoEntry: false }));
  },
  async readFile(file) {
    return fs.readFileSync(file);
  },
};
