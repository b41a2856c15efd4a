/**
 * What the workspace tells the user about files it cannot use: each message goes to the log once, and
 * problems with user standards raise one notification per new batch (the bundled units still work).
 */
import type { WorkspaceHost } from './types';
import type { FolderCatalog } from '../io/catalog';

export function createProblemLog(host: Pick<WorkspaceHost, 'warn' | 'showWarning'>) {
  const logged = new Set<string>();

  function once(message: string): void {
    if (logged.has(message)) return;
    logged.add(message);
    host.warn(message);
  }

  return {
    once,
    /** The problems of a freshly loaded catalogue not reported before. */
    standards(loaded: FolderCatalog): void {
      const fresh = loaded.problems.filter((p) => !logged.has(`${p.origin}: ${p.message}`));
      for (const p of fresh) once(`${p.origin}: ${p.message}`);
      if (fresh.length) {
        host.showWarning(
          `Reflective Accounts: ${fresh.length} problem(s) with user standards; the bundled units still work. ` +
            `First: ${fresh[0].origin}: ${fresh[0].message}`,
        );
      }
    },
  };
}
