// Packaging the extension (`npm run package`) and finding what it produced and where code-server installed it.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { E2EError, log, repoRoot, run } from './env.mjs';

export function projectManifest() {
  return JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
}

/** `publisher.name`, the id VS Code gives the extension. */
export function extensionId(manifest = projectManifest()) {
  return `${manifest.publisher}.${manifest.name}`;
}

/** Runs `npm run package` and returns the path of the .vsix it wrote. */
export async function packageExtension() {
  const manifest = projectManifest();
  if (!manifest.scripts?.package) {
    throw new E2EError(
      'package.json has no "package" script yet: the offline runner installs the VSIX that `npm run package` builds',
    );
  }
  const started = Date.now();
  log('npm run package');
  const { code, output } = await run('npm', ['run', 'package'], { quiet: true, timeoutMs: 10 * 60_000 });
  if (code !== 0)
    throw new E2EError(`npm run package failed (exit ${code}):\n${output.split('\n').slice(-40).join('\n')}`);
  // vsce says "Packaged: /abs/file.vsix (N files, size)".
  const said = /Packaged:\s+(\S+\.vsix)/.exec(output)?.[1];
  if (said && existsSync(resolve(repoRoot, said))) return resolve(repoRoot, said);
  const fresh = ['.', 'dist', 'out', 'build']
    .map((d) => join(repoRoot, d))
    .filter((d) => existsSync(d))
    .flatMap((d) =>
      readdirSync(d)
        .filter((f) => f.endsWith('.vsix'))
        .map((f) => join(d, f)),
    )
    .filter((f) => statSync(f).mtimeMs >= started - 1000)
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  if (fresh.length === 0)
    throw new E2EError(`npm run package succeeded but no new .vsix was found:\n${output.slice(-2000)}`);
  return fresh[0];
}

/** The folder code-server unpacked the project's extension into (or the only extension installed). */
export function installedExtensionDir(extensionDirs, id = extensionId()) {
  const prefix = `${id.toLowerCase()}-`;
  const match = extensionDirs.filter((d) => basename(d).toLowerCase().startsWith(prefix));
  if (match.length === 1) return match[0];
  if (extensionDirs.length === 1) return extensionDirs[0];
  throw new E2EError(
    `cannot tell which installed extension to test (${id}) among: ${extensionDirs.map((d) => basename(d)).join(', ') || 'none'}`,
  );
}
