/**
 * The Node options the language server is started with: by the VS Code client (client/src/languageClient.ts)
 * and by the benchmark (bench/run.ts); docs/editors.md gives the same command line for other editors. Set at
 * launch, not from the server's own code.
 *
 * --max-semi-space-size=2: V8 grows the young generation to 16 MB semi-spaces while the server indexes a
 * folder and keeps them (about 34 MB resident once idle). With 2 MB semi-spaces the server's RSS once a
 * caseload is indexed (bench, issue #17) was 130 -> 112 MB at 2,000 accounts and 183 -> 165 MB at 5,000.
 */
export const SERVER_EXEC_ARGV: readonly string[] = ['--max-semi-space-size=2'];
