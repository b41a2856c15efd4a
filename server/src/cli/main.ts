/**
 * `reflective-accounts <command>`: the tutor's command line. Same core as the server; never starts the LSP
 * except for `serve`. Exit codes: 0 fine, 1 errors found (check), 2 bad usage or unreadable input.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { runAssess } from './assess';
import { runCheck } from './check';
import { UsageError, type CliArgs, type Out } from './common';
import { runCoverage } from './coverage';
import { runExport } from './export';
import { runFix } from './fix';
import { runImport } from './import';
import { runSuggest } from './suggest';

const USAGE = `Usage: reflective-accounts <command> [options]

Commands:
  coverage [folder] [--unit X] [--format text|json|markdown|csv|html] [--detail]
                       what is covered in a portfolio (default folder: .)
  coverage FOLDER --each [--format text|json|markdown|csv]
                       a caseload: one row per candidate (sub-folder) and unit
  check [folder] [--fail-on-uncovered] [--writing]
                       diagnostics as file:line:col severity code message;
                       exit 1 when there are errors (or gaps, with --fail-on-uncovered);
                       --writing adds the hypothetical and identifiable-person checks
  export [folder] --unit X --format markdown|csv|html|json --out FILE [--force]
                       the evidence record of a unit, for the assessor to sign off
  fix [folder|file] --canonical [--write]
                       rewrite citations to the canonical form (LMCA5/P21); shows the
                       changes, and writes them only with --write
  assess FOLDER --unit X [--accept P6,P7] [--not-yet K3] [--refer P9] [--clear P6]
         --by NAME [--reason TEXT]
                       record an assessor's decisions in FOLDER/.assessment.yaml;
                       without a decision, list the unit's decisions
  import SOURCE.txt [--code X] --out FILE.json [--force]
                       turn a National Occupational Standard's text into unit JSON
  suggest PATH [--top N] [--format text|json]
                       criteria each paragraph of an account (or of every account
                       in a folder) seems to evidence but does not cite yet
  serve --stdio        run the language server for other editors (Neovim, Helix, Emacs)

Options for every portfolio command:
  --min-evidence N     accounts needed for a criterion to count as covered (default 1)
  --standards PATH     extra unit JSON file or folder (repeatable)
  --alias CODE=UNIT    a centre's own code for a unit (repeatable)
  --date YYYY-MM-DD    date printed on records (default today)
  --bare-criteria context|off
                       whether a criterion written without its unit (P21) counts for the
                       unit its heading, "Unit:" line, table or units: list names (default context)
`;

/**
 * The language server, loaded only for `serve`. Built, it is dist/server.js beside dist/cli.js (esbuild.mjs
 * builds both), so the CLI bundle does not carry the server and its LSP library and every other command
 * starts faster; from source (tests run cli/main.ts through tsx) it is lsp/main.ts. The path is
 * worked out at run time so that esbuild leaves the require alone instead of bundling the server again.
 */
function loadServer(): { startStdioServer: () => void } {
  const built = path.join(__dirname, 'server.js');
  return require(fs.existsSync(built) ? built : path.join(__dirname, '..', 'lsp', 'main'));
}

const realOut: Out = { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) };

function parse(argv: string[]): CliArgs {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        unit: { type: 'string' },
        format: { type: 'string' },
        detail: { type: 'boolean' },
        each: { type: 'boolean' },
        'fail-on-uncovered': { type: 'boolean' },
        code: { type: 'string' },
        out: { type: 'string' },
        force: { type: 'boolean' },
        stdio: { type: 'boolean' },
        'min-evidence': { type: 'string' },
        standards: { type: 'string', multiple: true },
        alias: { type: 'string', multiple: true },
        date: { type: 'string' },
        'bare-criteria': { type: 'string' },
        canonical: { type: 'boolean' },
        write: { type: 'boolean' },
        top: { type: 'string' },
        writing: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        // assess (cli/assess.ts)
        accept: { type: 'string', multiple: true },
        'not-yet': { type: 'string', multiple: true },
        refer: { type: 'string', multiple: true },
        clear: { type: 'string', multiple: true },
        by: { type: 'string' },
        reason: { type: 'string' },
      },
    }) as CliArgs & { values: { help?: boolean } };
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/** Runs one command; resolves to the exit code, or -1 for `serve`, which keeps running. */
export async function main(argv: string[], out: Out = realOut): Promise<number> {
  try {
    const args = parse(argv);
    const command = args.positionals[0];
    if ((args.values as { help?: boolean }).help) {
      out.stdout(USAGE);
      return 0;
    }
    switch (command) {
      case 'coverage':
        return await runCoverage(args, out);
      case 'check':
        return await runCheck(args, out);
      case 'export':
        return await runExport(args, out);
      case 'fix':
        return await runFix(args, out);
      case 'assess':
        return await runAssess(args, out);
      case 'import':
        return runImport(args, out);
      case 'suggest':
        return await runSuggest(args, out);
      case 'serve': {
        if (!args.values.stdio) throw new UsageError('serve supports --stdio only');
        loadServer().startStdioServer();
        return -1;
      }
      case undefined:
        throw new UsageError('no command given');
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      out.stderr(`reflective-accounts: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    out.stderr(`reflective-accounts: ${(e as Error).stack ?? String(e)}\n`);
    return 2;
  }
}

if (require.main === module) {
  // A reader that stops early (`check | head`) closes the pipe: that is the reader's choice, not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  main(process.argv.slice(2)).then((code) => {
    if (code >= 0) process.exitCode = code;
  });
}
