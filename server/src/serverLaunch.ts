/**
 * The Node options the language server is started with: by the VS Code client (client/src/languageClient.ts)
 * and by the benchmark (bench/run.ts); docs/editors.md gives the same command line for other editors. Set at
 * launch, not from the server's own code.
 *
 * --max-semi-space-size=4: V8 grows the young generation to 16 MB semi-spaces while the server indexes a
 * folder and keeps them (about 34 MB resident once idle). With 4 MB semi-spaces the server's RSS once a
 * caseload of 2,000 accounts is indexed was 146 -> 119 MB (bench, issue #17). 2 MB saved 7 MB more but
 * collected so often that a keystroke in a 1 MB account took 25-31 ms at the 95th percentile, against
 * 23-24 ms with 4 MB.
 */
export const SERVER_EXEC_ARGV: readonly string[] = ['--max-semi-space-size=4'];
