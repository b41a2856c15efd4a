/**
 * The host's side of the panel's message contract: what the webview posts is checked here before anything is
 * done with it, and a 'reveal' may only open an account of the coverage the panel was shown. Pure (no vscode).
 */
import type { CoverageResult, FromWebview } from '../../server/src/protocol';
import { parsePanelState } from './webview/model';

const isLineNumber = (v: unknown): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 10_000_000;

/** The message if it is a well-formed FromWebview, else undefined. */
export function parseFromWebview(message: unknown): FromWebview | undefined {
  if (!message || typeof message !== 'object') return undefined;
  const m = message as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
      return { type: 'ready' };
    case 'reveal':
      if (typeof m.uri !== 'string' || m.uri.length > 4096 || !isLineNumber(m.line) || !isLineNumber(m.character))
        return undefined;
      return { type: 'reveal', uri: m.uri, line: m.line, character: m.character };
    case 'state':
      return { type: 'state', state: parsePanelState(m.state) };
    case 'cite':
      // Only something shaped like a canonical citation; the host then cites it only if the server suggests it.
      return typeof m.code === 'string' && /^[A-Z0-9 ]{1,20}\/[PK]\d{1,4}$/.test(m.code)
        ? { type: 'cite', code: m.code }
        : undefined;
    case 'decide':
      if (
        typeof m.folder !== 'string' ||
        m.folder.length > 4096 ||
        typeof m.criterion !== 'string' ||
        !/^[^/\s]{1,40}\/[PK]\d{1,4}$/.test(m.criterion)
      )
        return undefined;
      if (m.decision !== null && m.decision !== 'accepted' && m.decision !== 'not-yet' && m.decision !== 'referred')
        return undefined;
      return { type: 'decide', folder: m.folder, criterion: m.criterion, decision: m.decision };
    default:
      return undefined;
  }
}

/** Every account URI of a coverage answer (citations name these accounts by index). */
export function accountUris(coverage: CoverageResult | undefined): Set<string> {
  const out = new Set<string>();
  for (const p of coverage?.portfolios ?? []) for (const a of p.accounts ?? []) out.add(a.uri);
  return out;
}
