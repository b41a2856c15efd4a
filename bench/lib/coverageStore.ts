/**
 * What client/src/coverageStore.ts does for the coverage panel and the status bar, over a bench session: it
 * asks `reflectiveAccounts/coverage` once when told to and again on every `coverageDidChange`, one request at
 * a time (a change announced while a request is out asks exactly once more). Every answer is kept with the
 * time its request was sent and the time it came, so a scenario can tell when the panel had fresh data.
 */
import { performance } from 'node:perf_hooks';
import type { Session } from './lsp';

export const COVERAGE_REQUEST = 'reflectiveAccounts/coverage';
export const COVERAGE_DID_CHANGE = 'reflectiveAccounts/coverageDidChange';

export interface StoreAnswer {
  sentAt: number;
  at: number;
}

export interface CoverageStoreEmulation {
  refresh(): void;
  /** Times (performance.now) of the server's coverageDidChange notifications. */
  readonly notified: readonly number[];
  /** When each answer's request was sent and when it came (the answers themselves go to `onAnswer` only). */
  readonly answers: readonly StoreAnswer[];
  /** Stops asking (the scenario is over); answers already on their way are still recorded. */
  stop(): void;
}

export function emulateCoverageStore<T>(
  s: Session,
  onAnswer?: (answer: T, when: StoreAnswer) => void,
): CoverageStoreEmulation {
  const notified: number[] = [];
  const answers: StoreAnswer[] = [];
  let inFlight = false;
  let again = false;
  let stopped = false;
  const refresh = (): void => {
    if (stopped) return;
    if (inFlight) {
      again = true;
      return;
    }
    inFlight = true;
    const sentAt = performance.now();
    void s.conn
      .sendRequest<T>(COVERAGE_REQUEST, {})
      .then(
        (answer) => {
          const when = { sentAt, at: performance.now() };
          answers.push(when);
          onAnswer?.(answer, when);
        },
        () => undefined,
      )
      .finally(() => {
        inFlight = false;
        if (again) {
          again = false;
          refresh();
        }
      });
  };
  s.conn.onNotification(COVERAGE_DID_CHANGE, () => {
    notified.push(performance.now());
    refresh();
  });
  return { refresh, notified, answers, stop: () => void (stopped = true) };
}
