/**
 * `fix [folder|file] --canonical [--write]`: rewrites every citation whose unit is clear to the canonical form
 * (`SCDLMCA5 P21` → `LMCA5/P21`, bare `P21` under a unit's heading → `LMCA5/P21`), so an account written in
 * the Word-era style converts in one step. Prints the changed lines and a summary; writes only with --write.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyEdits, canonicalRewrite, lineStarts, parseAccount, positionAt, type Settings } from '../core';
import { listAccounts, readAccount } from '../io/accountFiles';
import { loadCatalog } from '../io/catalog';
import { blockingNodeFileSystem as disk } from '../io/nodeFileSystem';
import { displayPath, pathToUri } from '../io/uris';
import { settingsFrom, UsageError, type CliArgs, type Out } from './common';

/** The accounts a `fix` works on: every account of a folder, or one file; and the folder whose standards apply. */
async function target(positionals: string[], settings: Settings): Promise<{ root: string; files: string[] }> {
  if (positionals.length > 2)
    throw new UsageError(`expected one folder or file, got ${positionals.slice(1).join(' ')}`);
  const given = positionals[1] ?? '.';
  const full = path.resolve(given);
  const stat = fs.existsSync(full) ? fs.statSync(full) : undefined;
  if (stat?.isDirectory()) return { root: full, files: await listAccounts(disk, full, settings) };
  if (stat?.isFile()) return { root: path.dirname(full), files: [full] };
  throw new UsageError(`not a folder or file: ${given}`);
}

/** Whether a file starts with a UTF-8 byte order mark, which reading removes and writing must put back. */
function startsWithBom(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(3);
    return fs.readSync(fd, head, 0, 3, 0) === 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
  } finally {
    fs.closeSync(fd);
  }
}

/** The lines that change, old and new: citations never span lines, so the lines of both texts pair up. */
function changedLines(name: string, before: string, after: string): string {
  const a = before.split(/\r\n|\r|\n/);
  const b = after.split(/\r\n|\r|\n/);
  let out = '';
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] === b[i]) continue;
    out += `${name}:${i + 1}\n- ${a[i] ?? ''}\n+ ${b[i] ?? ''}\n`;
  }
  return out;
}

export async function runFix(args: CliArgs, out: Out): Promise<number> {
  if (!args.values.canonical) throw new UsageError('fix needs --canonical (the only fix there is)');
  const settings = settingsFrom(args.values);
  const { root, files } = await target(args.positionals, settings);
  const { catalog, problems } = await loadCatalog(disk, root, settings, true);
  for (const p of problems) out.stderr(`warning: ${p.origin}: ${p.message}\n`);
  let rewritten = 0;
  let accounts = 0;
  let left = 0;
  for (const file of files) {
    const read = await readAccount(disk, file, settings.maxFileSize);
    const name = displayPath(pathToUri(file), root);
    if (read === undefined) continue; // gone since the listing
    if ('skipped' in read) {
      out.stderr(`skipped ${name}: ${read.skipped}\n`);
      continue;
    }
    const account = parseAccount(name, read.text, catalog.resolve, { bareCriteria: settings.bareCriteria });
    const rewrite = canonicalRewrite(catalog, account, read.text);
    const starts = lineStarts(read.text);
    for (const l of rewrite.left) {
      const pos = positionAt(starts, l.start);
      out.stderr(
        `${name}:${pos.line + 1}:${pos.character + 1} left as written: ${read.text.slice(l.start, l.end)}: ${l.reason}\n`,
      );
    }
    left += rewrite.left.length;
    if (rewrite.edits.length === 0) continue;
    const after = applyEdits(read.text, rewrite.edits);
    out.stdout(changedLines(name, read.text, after));
    rewritten += rewrite.edits.length;
    accounts++;
    if (args.values.write) fs.writeFileSync(file, (startsWithBom(file) ? '\ufeff' : '') + after);
  }
  const action = args.values.write ? 'rewritten' : 'to rewrite';
  out.stderr(
    `${rewritten} citation(s) ${action} in ${accounts} account(s); ${left} left as written` +
      (args.values.write || rewritten === 0 ? '\n' : ' (nothing written: pass --write to apply)\n'),
  );
  return 0;
}
