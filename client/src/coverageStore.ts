/**
 * The latest coverage of every portfolio, shared by the panel and the status bar. The server announces changes
 * (throttled) with CoverageDidChangeNotification; the store then asks again, one request at a time: a change
 * announced while a request is out triggers exactly one more, so bursts of typing cost two requests at most.
 */
import * as vscode from 'vscode';
import {
  CoverageDidChangeNotification,
  CoverageRequest,
  type CoverageResult,
  type PortfolioCoverageDto,
} from '../../server/src/protocol';
import type { Server } from './languageClient';

export interface CoverageStore extends vscode.Disposable {
  readonly current: CoverageResult | undefined;
  readonly onDidChange: vscode.Event<CoverageResult>;
  refresh(): Promise<CoverageResult | undefined>;
}

export function createCoverageStore(server: Server): CoverageStore {
  let current: CoverageResult | undefined;
  let inFlight: Promise<CoverageResult | undefined> | undefined;
  let again = false;
  const changed = new vscode.EventEmitter<CoverageResult>();

  const fetchOnce = async (): Promise<CoverageResult | undefined> => {
    const result = await server.request<CoverageResult>(CoverageRequest, {});
    if (result && Array.isArray(result.portfolios)) {
      current = result;
      changed.fire(result);
    }
    return current;
  };
  const refresh = (): Promise<CoverageResult | undefined> => {
    if (inFlight) {
      again = true;
      return inFlight;
    }
    inFlight = fetchOnce().finally(() => {
      inFlight = undefined;
      if (again) {
        again = false;
        void refresh();
      }
    });
    return inFlight;
  };
  const subscription = server.client.onNotification(CoverageDidChangeNotification, () => void refresh());
  return {
    get current() {
      return current;
    },
    onDidChange: changed.event,
    refresh,
    dispose: () => {
      subscription.dispose();
      changed.dispose();
    },
  };
}

/** The portfolio a document belongs to: its workspace folder's, else the only one. */
export function portfolioFor(
  coverage: CoverageResult | undefined,
  uri: vscode.Uri | undefined,
): PortfolioCoverageDto | undefined {
  const portfolios = coverage?.portfolios ?? [];
  const folder = uri ? vscode.workspace.getWorkspaceFolder(uri)?.uri.toString() : undefined;
  const match = folder ? portfolios.find((p) => sameUri(p.folder, folder)) : undefined;
  return match ?? (portfolios.length === 1 ? portfolios[0] : undefined);
}

export function sameUri(a: string, b: string): boolean {
  if (a === b) return true;
  try {
    return vscode.Uri.parse(a).toString() === vscode.Uri.parse(b).toString();
  } catch {
    return false;
  }
}
