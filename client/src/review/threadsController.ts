/**
 * Review threads in the editor with VS Code's Comments API (#16). The threads live in the account's text as
 * HTML comments (server/src/core/accounts/reviewThreads.ts): this controller shows them as comment threads, and turns
 * start / reply / resolve / reopen / delete into edits of that text. The edit is saved when the document had
 * no other unsaved change: the reviewer's action is the request to write it, and nothing else of theirs is
 * saved along with it.
 */
import * as vscode from 'vscode';
import {
  deleteThreadEdit,
  insertThreadEdit,
  linesClosedToThreads,
  newThreadId,
  replaceThreadEdit,
  scanThreads,
  threadTime,
  type LocatedThread,
  type ReviewThread,
  type TextEdit,
} from '../../../server/src/core';
import { Commands } from '../../../server/src/protocol';
import { reviewerName } from './reviewer';

const isAccount = (doc: vscode.TextDocument) =>
  doc.languageId === 'markdown' && (doc.uri.scheme === 'file' || doc.uri.scheme === 'untitled');

/** What the commands take: a thread from the comments UI, or plain arguments (palette, tests, other extensions). */
type ThreadArg = vscode.CommentThread | { uri: string; id: string };
type ReplyArg = vscode.CommentReply | { uri: string; id?: string; line?: number; text: string };

export function registerReviewThreads(context: vscode.ExtensionContext): vscode.Disposable {
  const controller = vscode.comments.createCommentController('reflectiveAccounts.review', 'Review');
  /** Shown threads by document URI, then thread id. */
  const shown = new Map<string, Map<string, vscode.CommentThread>>();
  const idOf = new WeakMap<vscode.CommentThread, { uri: string; id: string }>();

  controller.options = {
    prompt: 'Start a review thread…',
    placeHolder: 'Write to the candidate (saved in the account as a comment)',
  };
  controller.commentingRangeProvider = {
    provideCommentingRanges(doc) {
      if (!isAccount(doc)) return [];
      const closed = linesClosedToThreads(doc.getText());
      for (const t of scanThreads(doc.getText())) {
        for (let l = doc.positionAt(t.start).line; l <= doc.positionAt(t.end).line; l++) closed.add(l);
      }
      const ranges: vscode.Range[] = [];
      let from = -1;
      for (let line = 0; line <= doc.lineCount; line++) {
        const open = line < doc.lineCount && !closed.has(line);
        if (open && from < 0) from = line;
        if (!open && from >= 0) {
          ranges.push(new vscode.Range(from, 0, line - 1, 0));
          from = -1;
        }
      }
      return ranges;
    },
  };

  function commentsOf(t: ReviewThread): vscode.Comment[] {
    return t.messages.map((m) => {
      const body = new vscode.MarkdownString();
      body.appendText(m.body); // plain text: nothing a message says becomes a link or markup
      return {
        body,
        mode: vscode.CommentMode.Preview,
        author: { name: m.author },
        timestamp: new Date(m.at.replace(/Z$/, ':00Z')),
      };
    });
  }

  /** Brings the shown threads of a document in line with its text. */
  function sync(doc: vscode.TextDocument): void {
    if (!isAccount(doc)) return;
    const key = doc.uri.toString();
    const threads = scanThreads(doc.getText());
    const mine = shown.get(key) ?? new Map<string, vscode.CommentThread>();
    shown.set(key, mine);
    const seen = new Set<string>();
    for (const t of threads) {
      seen.add(t.id);
      const range = new vscode.Range(t.anchorLine, 0, t.anchorLine, 0);
      let thread = mine.get(t.id);
      if (!thread) {
        thread = controller.createCommentThread(doc.uri, range, []);
        mine.set(t.id, thread);
        idOf.set(thread, { uri: key, id: t.id });
        // Open threads are what a reviewer and a candidate need to read: shown open; resolved ones folded.
        thread.collapsibleState =
          t.status === 'open'
            ? vscode.CommentThreadCollapsibleState.Expanded
            : vscode.CommentThreadCollapsibleState.Collapsed;
      }
      if (!thread.range || !thread.range.isEqual(range)) thread.range = range;
      thread.comments = commentsOf(t);
      thread.label = `Review #${t.id}${t.status === 'resolved' ? ' (resolved)' : ''}`;
      thread.contextValue = t.status;
      thread.state =
        t.status === 'resolved' ? vscode.CommentThreadState.Resolved : vscode.CommentThreadState.Unresolved;
      thread.canReply = true;
    }
    for (const [id, thread] of mine) {
      if (seen.has(id)) continue;
      thread.dispose();
      mine.delete(id);
    }
  }

  const pending = new Map<string, ReturnType<typeof setTimeout>>();
  function syncSoon(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    clearTimeout(pending.get(key));
    pending.set(
      key,
      setTimeout(() => {
        pending.delete(key);
        sync(doc);
      }, 150),
    );
  }

  async function documentOf(uri: string | vscode.Uri): Promise<vscode.TextDocument> {
    return vscode.workspace.openTextDocument(typeof uri === 'string' ? vscode.Uri.parse(uri, true) : uri);
  }

  /** Applies an edit of the account's text; saves when nothing else was unsaved. */
  async function write(doc: vscode.TextDocument, edit: TextEdit): Promise<boolean> {
    const wasDirty = doc.isDirty;
    const we = new vscode.WorkspaceEdit();
    we.replace(doc.uri, new vscode.Range(doc.positionAt(edit.start), doc.positionAt(edit.end)), edit.newText);
    if (!(await vscode.workspace.applyEdit(we))) return false;
    if (!wasDirty && doc.uri.scheme === 'file') await doc.save();
    sync(doc);
    return true;
  }

  function located(doc: vscode.TextDocument, id: string): LocatedThread | undefined {
    return scanThreads(doc.getText()).find((t) => t.id === id);
  }

  async function start(doc: vscode.TextDocument, line: number, text: string): Promise<string | undefined> {
    const author = await reviewerName(context);
    if (!author || !text.trim()) return undefined;
    const existing = scanThreads(doc.getText());
    const thread: ReviewThread = {
      id: newThreadId(existing, Math.random),
      status: 'open',
      messages: [{ author, at: threadTime(new Date()), body: text.replace(/\r\n?/g, '\n') }],
    };
    const edit = insertThreadEdit(doc.getText(), existing, line, thread);
    if (!edit) {
      void vscode.window.showWarningMessage(
        'A review thread cannot go in the front matter or in fenced code: choose a line of the text.',
      );
      return undefined;
    }
    return (await write(doc, edit)) ? thread.id : undefined;
  }

  async function update(
    arg: ThreadArg,
    change: (t: LocatedThread, author: string) => ReviewThread | 'delete' | undefined,
  ): Promise<boolean> {
    const ref =
      'uri' in arg && typeof arg.uri === 'string'
        ? (arg as { uri: string; id: string })
        : idOf.get(arg as vscode.CommentThread);
    if (!ref) return false;
    const doc = await documentOf(ref.uri);
    const t = located(doc, ref.id);
    if (!t) return false;
    const author = await reviewerName(context);
    if (!author) return false;
    const next = change(t, author);
    if (!next) return false;
    return write(
      doc,
      next === 'delete' ? deleteThreadEdit(doc.getText(), t) : replaceThreadEdit(doc.getText(), t, next),
    );
  }

  const strip = ({ start: _s, end: _e, anchorLine: _a, ...t }: LocatedThread): ReviewThread => t;

  const reply = async (arg: ReplyArg): Promise<string | boolean | undefined> => {
    const text = arg.text;
    if ('thread' in arg) {
      const ref = idOf.get(arg.thread);
      if (!ref) {
        // A new thread the reviewer opened from the gutter: it becomes one written in the account.
        const doc = await documentOf(arg.thread.uri);
        const line = arg.thread.range?.start.line ?? 0;
        arg.thread.dispose();
        return start(doc, line, text);
      }
      return update({ uri: ref.uri, id: ref.id }, (t, author) => ({
        ...strip(t),
        messages: [...t.messages, { author, at: threadTime(new Date()), body: text.replace(/\r\n?/g, '\n') }],
      }));
    }
    if (!arg.id) return start(await documentOf(arg.uri), arg.line ?? 0, text);
    return update({ uri: arg.uri, id: arg.id }, (t, author) => ({
      ...strip(t),
      messages: [...t.messages, { author, at: threadTime(new Date()), body: text.replace(/\r\n?/g, '\n') }],
    }));
  };

  const status = (to: 'open' | 'resolved') => (arg: ThreadArg | vscode.CommentReply) => {
    const thread = 'thread' in arg && !('id' in arg) ? (arg as vscode.CommentReply).thread : (arg as ThreadArg);
    const text = 'text' in arg && typeof arg.text === 'string' ? arg.text.trim() : '';
    return update(thread, (t, author) => ({
      ...strip(t),
      status: to,
      messages: text ? [...t.messages, { author, at: threadTime(new Date()), body: text }] : t.messages,
    }));
  };

  for (const doc of vscode.workspace.textDocuments) sync(doc);
  return vscode.Disposable.from(
    controller,
    vscode.workspace.onDidOpenTextDocument(sync),
    vscode.workspace.onDidChangeTextDocument((e) => syncSoon(e.document)),
    vscode.workspace.onDidCloseTextDocument((doc) => {
      const mine = shown.get(doc.uri.toString());
      mine?.forEach((t) => t.dispose());
      shown.delete(doc.uri.toString());
    }),
    vscode.commands.registerCommand(Commands.startThread, (arg?: { uri?: string; line?: number; text?: string }) => {
      if (arg?.uri && typeof arg.text === 'string') return reply({ uri: arg.uri, line: arg.line ?? 0, text: arg.text });
      const editor = vscode.window.activeTextEditor;
      if (!editor || !isAccount(editor.document)) return undefined;
      return vscode.window
        .showInputBox({
          title: `Start a review thread on line ${editor.selection.active.line + 1}`,
          ignoreFocusOut: true,
        })
        .then((text) => (text ? start(editor.document, editor.selection.active.line, text) : undefined));
    }),
    vscode.commands.registerCommand(Commands.replyThread, reply),
    vscode.commands.registerCommand(Commands.resolveThread, status('resolved')),
    vscode.commands.registerCommand(Commands.reopenThread, status('open')),
    vscode.commands.registerCommand(Commands.deleteThread, async (arg: ThreadArg) => {
      const answer = await vscode.window.showWarningMessage(
        'Delete this review thread from the account?',
        { modal: true },
        'Delete',
      );
      return answer === 'Delete' ? update(arg, () => 'delete') : false;
    }),
  );
}
