/** The real disk for the language server (dist/server.js); tests pass an in-memory FileSystem instead. */
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import type { FileSystem } from './deps';

/** Folders never worth descending into when looking for accounts (same rule as files.ts). */
const SKIPPED_DIRS = new Set(['.git', 'node_modules']);

export const nodeFileSystem: FileSystem = {
  async listFiles(folder, recursive) {
    const out: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      let entries;
      try {
        entries = await fsp.readdir(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries) {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) {
          if (recursive && !SKIPPED_DIRS.has(e.name)) await walk(full);
        } else if (e.isFile()) {
          out.push(full);
        }
      }
    };
    await walk(folder);
    return out.sort();
  },
  async stat(p) {
    try {
      const s = await fsp.stat(p);
      return { size: s.size, isDirectory: s.isDirectory() };
    } catch {
      return undefined;
    }
  },
  async readFile(file) {
    return fsp.readFile(file);
  },
};
