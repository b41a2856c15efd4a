// Summarises a V8 .cpuprofile (from node --cpu-prof): self time by function, and total time (self plus
// callees) of the functions with the most, so a profile can be read without DevTools.
//   node bench/prof-summary.cjs FILE.cpuprofile [how many rows, default 25]
const fs = require('node:fs');

const profile = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const rows = Number(process.argv[3] ?? 25);
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
// Each sample is charged to its node for the time until the next sample.
const selfUs = new Map();
for (let i = 0; i < profile.samples.length; i++) {
  const dt = profile.timeDeltas[i + 1] ?? 0;
  selfUs.set(profile.samples[i], (selfUs.get(profile.samples[i]) ?? 0) + dt);
}
const nameOf = (n) => {
  const f = n.callFrame;
  const file = f.url ? f.url.split('/').slice(-1)[0] : '';
  return `${f.functionName || '(anonymous)'} ${file}${file ? `:${f.lineNumber + 1}` : ''}`;
};
const self = new Map();
const total = new Map();
let all = 0;
for (const [id, us] of selfUs) {
  all += us;
  const node = byId.get(id);
  self.set(nameOf(node), (self.get(nameOf(node)) ?? 0) + us);
  // Charge every distinct function on the stack once.
  const seen = new Set();
  for (let at = id; at !== undefined; at = parent.get(at)) {
    const name = nameOf(byId.get(at));
    if (seen.has(name)) continue;
    seen.add(name);
    total.set(name, (total.get(name) ?? 0) + us);
  }
}
const show = (title, m) => {
  process.stdout.write(`${title}\n`);
  for (const [name, us] of [...m].sort((a, b) => b[1] - a[1]).slice(0, rows)) {
    process.stdout.write(
      `${(us / 1000).toFixed(0).padStart(7)} ms ${((100 * us) / all).toFixed(1).padStart(5)}%  ${name}\n`,
    );
  }
};
process.stdout.write(`profile: ${(all / 1000).toFixed(0)} ms sampled\n`);
show('self time', self);
show('total time (self and callees)', total);
