/**
 * How the language server process is started, shared by the VS Code client and the benchmark so that what is
 * measured is what users run. Other editors can pass the same flags (README, "Other editors").
 *
 * A young generation of 2 MB per semi-space instead of V8's default of up to 16 MB: the server's garbage is
 * short-lived parse work. With all 5,000 accounts of the benchmark open, 4 MB instead of 16 lowered peak
 * memory by about 30 MB at no measurable cost in time; 2 MB instead of 4 lowers it by 3-4 MB more (112-114
 * instead of 116 MB, three probe runs each) for 3-5% more server CPU time.
 * (The old generation's growth is set by the server itself: see main.ts.)
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=2'];
