/**
 * The coverage panel's host: one webview panel, restored after a window reload by a serializer, fed with the
 * coverage store's answers and told which unit to focus. Everything the webview posts is checked
 * (webviewMessages.ts); a 'reveal' opens only an account of the coverage it was shown.
 */
import * as vscode from 'vscode';
import type { FromWebview, PanelState, ToWebview } from '../../server/src/protocol';
import type { CoverageStore } from './coverageStore';
import type { Server } from './languageClient';
import { feedPanelSuggestions, type PanelSuggestionFeed } from './panelSuggestions';
import { makeNonce, renderPanelHtml } from './panelHtml';
import { accountUris, parseFromWebview } from './webviewMessages';

export const PANEL_VIEW_TYPE = 'reflectiveAccounts.coverage';

export interface FocusRequest {
  unit: string;
  folder?: string;
}

export interface CoveragePanelHost extends vscode.Disposable {
  show(focus?: FocusRequest): void;
  /** The last state the panel reported (portfolio, unit), for commands that want a sensible default. */
  readonly lastState: PanelState | undefined;
}

/** The range of the citation item starting at a position (`P3`, `K1-K4`), to select it rather than a caret. */
function itemRange(doc: vscode.TextDocument, pos: vscode.Position): vscode.Range {
  return (
    doc.getWordRangeAtPosition(pos, /[PpKk]\d+(?:[ \t]?[-\u2010-\u2014][ \t]?[PpKk]?\d+)?/) ??
    new vscode.Range(pos, pos)
  );
}

async function revealInEditor(uri: vscode.Uri, line: number, character: number): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(uri);
  const pos = doc.validatePosition(new vscode.Position(line, character));
  const range = itemRange(doc, pos);
  const shown = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
  const editor = await vscode.window.showTextDocument(doc, {
    viewColumn: shown?.viewColumn ?? vscode.ViewColumn.One,
    selection: new vscode.Selection(range.start, range.end),
    preview: false,
  });
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

export function registerCoveragePanel(
  context: vscode.ExtensionContext,
  store: CoverageStore,
  output: vscode.OutputChannel,
  server?: Server,
  /** A decision asked for in a cell's detail (#16): client/src/review/decide.ts records it. */
  onDecide?: (m: Extract<FromWebview, { type: 'decide' }>) => Promise<unknown>,
): CoveragePanelHost {
  let panel: vscode.WebviewPanel | undefined;
  let suggestions: PanelSuggestionFeed | undefined;
  let panelDisposables: vscode.Disposable[] = [];
  let pendingFocus: FocusRequest | undefined;
  let lastState: PanelState | undefined;
  /** The coverage last posted: a reveal must name one of its accounts. */
  let shownUris = new Set<string>();

  const post = (message: ToWebview) => void panel?.webview.postMessage(message);
  const postCoverage = () => {
    if (!store.current) return;
    shownUris = accountUris(store.current);
    const focus = pendingFocus;
    pendingFocus = undefined;
    post({
      type: 'coverage',
      data: store.current,
      ...(focus ? { focusUnit: focus.unit, focusFolder: focus.folder } : {}),
    });
  };

  const onMessage = async (raw: unknown) => {
    const message: FromWebview | undefined = parseFromWebview(raw);
    if (!message) {
      output.appendLine('[panel] ignored a malformed message from the coverage panel');
      return;
    }
    if (message.type === 'ready') {
      if (store.current) postCoverage();
      suggestions?.refresh();
      await store.refresh(); // the store's change event posts the fresh answer
    } else if (message.type === 'decide') {
      await onDecide?.(message);
    } else if (message.type === 'state') {
      lastState = message.state;
    } else if (message.type === 'cite') {
      await suggestions?.cite(message.code);
    } else if (message.type === 'reveal') {
      if (!shownUris.has(message.uri)) {
        output.appendLine(`[panel] refused to open ${message.uri}: not an account of this workspace`);
        return;
      }
      try {
        await revealInEditor(vscode.Uri.parse(message.uri, true), message.line, message.character);
      } catch (e) {
        void vscode.window.showErrorMessage(`Could not open ${message.uri}: ${(e as Error)?.message ?? e}`);
      }
    }
  };

  const adopt = (p: vscode.WebviewPanel) => {
    panel = p;
    const dist = vscode.Uri.joinPath(context.extensionUri, 'dist');
    p.webview.options = {
      enableScripts: true,
      localResourceRoots: [dist, vscode.Uri.joinPath(context.extensionUri, 'media')],
    };
    p.iconPath = vscode.Uri.joinPath(context.extensionUri, 'media', 'icon.png');
    p.webview.html = renderPanelHtml({
      cspSource: p.webview.cspSource,
      nonce: makeNonce(),
      scriptUri: p.webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.js')).toString(),
      styleUri: p.webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.css')).toString(),
    });
    suggestions = server && feedPanelSuggestions(server, (m) => post(m));
    panelDisposables = [
      ...(suggestions ? [suggestions] : []),
      p.webview.onDidReceiveMessage(onMessage),
      store.onDidChange(() => postCoverage()),
      p.onDidDispose(() => {
        panelDisposables.forEach((d) => d.dispose());
        panelDisposables = [];
        panel = undefined;
        suggestions = undefined;
      }),
    ];
  };

  const serializer = vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, {
    async deserializeWebviewPanel(restored: vscode.WebviewPanel) {
      // The webview restores its own view from getState(); the host only has to wire it up again.
      adopt(restored);
    },
  });

  return {
    get lastState() {
      return lastState;
    },
    show(focus?: FocusRequest) {
      if (panel) {
        // A hidden webview is rebuilt on reveal and says 'ready' again; it then gets the focus with the coverage.
        if (focus && panel.visible) post({ type: 'focus', unit: focus.unit, folder: focus.folder });
        else pendingFocus = focus;
        panel.reveal(undefined, true);
        return;
      }
      pendingFocus = focus;
      adopt(
        vscode.window.createWebviewPanel(
          PANEL_VIEW_TYPE,
          'Coverage',
          { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
          {
            enableScripts: true,
            localResourceRoots: [
              vscode.Uri.joinPath(context.extensionUri, 'dist'),
              vscode.Uri.joinPath(context.extensionUri, 'media'),
            ],
          },
        ),
      );
    },
    dispose() {
      serializer.dispose();
      panel?.dispose();
    },
  };
}
