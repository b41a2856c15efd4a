/**
 * The client half of VS Code's Markdown language server (npm vscode-markdown-languageserver). That server
 * leaves parsing and file access to its client: it asks `markdown/parse` for markdown-it tokens and
 * `markdown/fs/*` for files. VS Code's Markdown extension answers these in the extension host; this module
 * answers them the same way (markdown-it tokens cached per document version, files from disk), and records
 * how long the client spent parsing so the report can show it separately.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import MarkdownIt from 'markdown-it';
import type { RequestHandler, ServerSpec } from './lsp';
import { fileUri, type OpenDoc } from './lsp';

export function markdownServerSpec(root: string, execArgv?: string[]): ServerSpec {
  return {
    name: 'vscode-markdown-languageserver',
    script: path.join(root, 'node_modules', 'vscode-markdown-languageserver', 'dist', 'node', 'workerMain.js'),
    args: ['--stdio'],
    execArgv,
  };
}

/** VS Code's defaults for markdown.*, with validation switched on (it is off by default in VS Code). */
export const MARKDOWN_SETTINGS = {
  markdown: {
    preferredMdPathExtensionStyle: 'auto',
    suggest: { paths: { enabled: true, includeWorkspaceHeaderCompletions: 'onDoubleHash' } },
    occurrencesHighlight: { enabled: false },
    validate: {
      enabled: true,
      referenceLinks: { enabled: 'warning' },
      fragmentLinks: { enabled: 'warning' },
      fileLinks: { enabled: 'warning', markdownFragmentLinks: 'inherit' },
      ignoredLinks: [],
      unusedLinkDefinitions: { enabled: 'hint' },
      duplicateLinkDefinitions: { enabled: 'warning' },
    },
    server: { log: 'off' },
  },
};

export const MARKDOWN_INIT_OPTIONS = { markdownFileExtensions: ['md'] };

export interface MarkdownClient {
  handlers: Record<string, RequestHandler>;
  /** Milliseconds the client spent in markdown-it on the server's behalf. */
  parseMs(): number;
  parses(): number;
}

function listMarkdown(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === '.git') continue;
    const full = path.join(dir, e.name);
    if (e.isDirectory()) listMarkdown(full, out);
    else if (e.isFile() && e.name.toLowerCase().endsWith('.md')) out.push(full);
  }
  return out;
}

/** Client-side services for a workspace rooted at `root`; `docs` are the documents the client has open. */
export function markdownClient(root: string, docs: ReadonlyMap<string, OpenDoc>): MarkdownClient {
  const md = new MarkdownIt({ html: true, linkify: true });
  const cache = new Map<string, { version: number; tokens: unknown }>();
  let parseMs = 0;
  let parses = 0;
  const tokenize = (text: string) => {
    const t0 = performance.now();
    const tokens = md.parse(text, {});
    parseMs += performance.now() - t0;
    parses++;
    return tokens;
  };
  const stat = (uri: string) => {
    try {
      return { isDirectory: fs.statSync(fileURLToPath(uri)).isDirectory() };
    } catch {
      return undefined;
    }
  };
  const handlers: Record<string, RequestHandler> = {
    'markdown/parse': (p: { uri: string; text?: string }) => {
      if (typeof p.text === 'string') return tokenize(p.text);
      const open = docs.get(p.uri);
      const version = open?.version ?? -1;
      const hit = cache.get(p.uri);
      if (hit && hit.version === version) return hit.tokens;
      let text = open?.text;
      if (text === undefined) {
        try {
          text = fs.readFileSync(fileURLToPath(p.uri), 'utf8');
        } catch {
          return [];
        }
      }
      const tokens = tokenize(text);
      cache.set(p.uri, { version, tokens });
      return tokens;
    },
    'markdown/fs/readFile': (p: { uri: string }) => Array.from(fs.readFileSync(fileURLToPath(p.uri))),
    'markdown/fs/stat': (p: { uri: string }) => stat(p.uri),
    'markdown/fs/readDirectory': (p: { uri: string }) =>
      fs
        .readdirSync(fileURLToPath(p.uri), { withFileTypes: true })
        .map((e) => [e.name, { isDirectory: e.isDirectory() }]),
    'markdown/fs/watcher/create': () => null,
    'markdown/fs/watcher/delete': () => null,
    'markdown/findMarkdownFilesInWorkspace': () => listMarkdown(root).sort().map(fileUri),
  };
  return { handlers, parseMs: () => parseMs, parses: () => parses };
}
