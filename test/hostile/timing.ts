/**
 * Times hostile cases without asserting on them (bench/ is for numbers). `HOSTILE_TIMINGS=1 npm test` prints
 * the table after the tier has run.
 */
const rows: Array<[string, number]> = [];

export function timed<T>(what: string, f: () => T): T {
  const t0 = performance.now();
  const out = f();
  rows.push([what, performance.now() - t0]);
  return out;
}

export async function timedAsync<T>(what: string, f: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const out = await f();
  rows.push([what, performance.now() - t0]);
  return out;
}

if (process.env.HOSTILE_TIMINGS) {
  after(() => {
    console.log('\n  hostile input timings (wall clock, this machine):');
    for (const [what, ms] of rows) console.log(`    ${ms.toFixed(0).padStart(7)} ms  ${what}`);
  });
}
