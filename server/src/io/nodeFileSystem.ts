/**
 * The real disk, behind the FileSystem interface (deps.ts) that the server and the CLI both read through;
 * the server's tests pass an in-memory FileSystem instead. Flavours of the same answers:
 * - blockingNodeFileSystem (the CLI): synchronous calls under the promise. A command has nothing else to do
 *   meanwhile, and Node's asynchronous reads cost several times the CPU of blocking ones (measured on 1,000
 *   accounts: about 50 ms against 5 ms), which was a fifth of a `coverage` run.
 * - nodeFileSystem (non-blocking), for a disk that answers slowly;
 * - createServerFileSystem() (the language server): blocking while the disk answers quickly, non-blocking
 *   from the first slow answer on. On a local disk a read takes tens of microseconds, and each asynchronous
 *   one cost five trips to Node's thread pool: indexing a caseload of 2,000 accounts took 780 ms that way
 *   and 480 ms blocking. On a network share or a cloud folder whose files are fetched when read, a blocking
 *   read could hold every request up for as long as the fetch; after one slow read, none blocks. (While
 *   indexing, the indexer gives the event loop a turn at least every 10 ms: lsp/indexer.ts.)
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
    try {
      return fileStat(fs.statSync(p, { throwIfNoEntry: false }));
    } catch {
      return undefined; // unreadable, as nodeFileSystem answers
    }
  },
  async readFile(file) {
    return fs.readFileSync(file);
  },
};

/** A call slower than this and the server stops blocking on the disk. */
const SLOW_CALL_MS = 20;

/**
 * The language server's disk: `blocking` (answering synchronously under its promises) until one of its calls
 * takes longer than SLOW_CALL_MS, then `nonBlocking` for good. See the comment at the top.
 */
export function createServerFileSystem(
  blocking: FileSystem = blockingNodeFileSystem,
  nonBlocking: FileSystem = nodeFileSystem,
  now: () => number = () => performance.now(),
): FileSystem {
  let slow = false;
  const timed = <T>(call: (disk: FileSystem) => Promise<T>): Promise<T> => {
    if (slow) return call(nonBlocking);
    const started = now();
    const answer = call(blocking);
    if (now() - started > SLOW_CALL_MS) slow = true;
    return answer;
  };
  return {
    listFiles: (folder, recursive) => timed((disk) => disk.listFiles(folder, recursive)),
    stat: (p) => timed((disk) => disk.stat(p)),
    readFile: (file) => timed((disk) => disk.readFile(file)),
  };
}
