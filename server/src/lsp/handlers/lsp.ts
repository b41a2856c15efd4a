/**
 * Small conversions between the core (UTF-16 offsets, severities as words) and LSP (positions, enums), and
 * the wrapper that keeps one bad request from ever taking the server down.
 */
import {
  DiagnosticSeverity,
  MarkupKind,
  type CancellationToken,
  type Connection,
  type MarkupContent,
  type Range,
} from 'vscode-languageserver/node';
import { offsetAt, positionAt, type Account, type Severity } from '../../core';

/** LSP range of offsets in an account. */
export function rangeOf(account: Account, start: number, end: number): Range {
  return { start: positionAt(account.lineStarts, start), end: positionAt(account.lineStarts, Math.max(start, end)) };
}

/**
 * Offset of an LSP position; a column past the end of its line is clamped (editors send those), a line past
 * the end of the text is undefined, and the request answers nothing.
 */
export function offsetOf(
  account: Pick<Account, 'lineStarts' | 'length'>,
  position: { line: number; character: number },
): number | undefined {
  if (!position || position.line < 0 || position.line >= account.lineStarts.length) return undefined;
  return offsetAt(account.lineStarts, account.length, position);
}

const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function lspSeverity(severity: Severity): DiagnosticSeverity {
  return SEVERITIES[severity];
}

/** Markdown when the client renders it, else the same text as plain text (still readable). */
export function markup(value: string, markdownSupported: boolean): MarkupContent {
  return { kind: markdownSupported ? MarkupKind.Markdown : MarkupKind.PlainText, value };
}

/**
 * Runs a handler so that an exception or a cancelled request answers `fallback` (an empty result) and the
 * exception is logged, never thrown back into the connection: the server must outlive any text or bug.
 */
export function guarded<P, R>(
  connection: Connection,
  name: string,
  fallback: R,
  handler: (params: P, token: CancellationToken) => R | Promise<R>,
): (params: P, token: CancellationToken) => Promise<R> {
  return async (params, token) => {
    try {
      if (token?.isCancellationRequested) return fallback;
      const result = await handler(params, token);
      return token?.isCancellationRequested ? fallback : result;
    } catch (e) {
      connection.console.error(`${name} failed: ${(e as Error)?.stack ?? String(e)}`);
      return fallback;
    }
  };
}

/** The same for notifications, which answer nothing. */
export function guardedNotification<P>(
  connection: Connection,
  name: string,
  handler: (params: P) => void | Promise<void>,
): (params: P) => void {
  return (params) => {
    Promise.resolve()
      .then(() => handler(params))
      .catch((e) => connection.console.error(`${name} failed: ${(e as Error)?.stack ?? String(e)}`));
  };
}
