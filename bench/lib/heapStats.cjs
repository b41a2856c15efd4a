// Preloaded into the server by `bench/probe.ts --heap` (node -r): on SIGUSR2, V8's heap spaces and the
// process's memory go to stderr, where the probe reads them. Without a handler SIGUSR2 would end the process.
const v8 = require('node:v8');
process.on('SIGUSR2', () => {
  const mb = (n) => (n / 1e6).toFixed(1);
  const spaces = v8
    .getHeapSpaceStatistics()
    .filter((s) => s.space_size > 0)
    .map((s) => `${s.space_name} ${mb(s.space_size)} MB (${mb(s.space_used_size)} used)`);
  const m = process.memoryUsage();
  process.stderr.write(`HEAP ${spaces.join('; ')}; rss ${mb(m.rss)} MB; external ${mb(m.external)} MB\n`);
});
