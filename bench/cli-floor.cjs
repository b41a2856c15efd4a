// The least a Node program can do for `coverage --format json`, as a floor for what any Node CLI can reach
// beside rg (docs/performance.md):
// list and read the accounts, find citation-shaped text with its line and column, group it by criterion and
// print pretty JSON of the same shape. No Markdown, no front matter, no units: nothing our CLI may skip.
//   node bench/cli-floor.cjs bench/corpus/p1000 > /dev/null   (and on an empty folder, for the start-up)
const fs = require('node:fs');
const path = require('node:path');

const dir = process.argv[2];
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.md'))
  .sort();
const accounts = [];
const byCriterion = new Map();
const isAlnum = (c) => (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122);
for (const name of files) {
  const file = path.join(dir, name);
  const text = fs.readFileSync(file, 'utf8');
  accounts.push({ file, evidence: name.replace(/\.md$/, ''), title: null });
  let line = 0;
  let lineStart = 0;
  for (let slash = text.indexOf('/'); slash >= 0; slash = text.indexOf('/', slash + 1)) {
    const kind = text.charCodeAt(slash + 1);
    if (kind !== 80 && kind !== 75) continue; // P or K
    let start = slash;
    while (start > 0 && isAlnum(text.charCodeAt(start - 1))) start--;
    let end = slash + 2;
    while (text.charCodeAt(end) >= 48 && text.charCodeAt(end) <= 57) end++;
    if (start === slash || end === slash + 2) continue;
    for (let nl = text.indexOf('\n', lineStart); nl >= 0 && nl < start; nl = text.indexOf('\n', lineStart)) {
      line++;
      lineStart = nl + 1;
    }
    const id = text.slice(start, end);
    let list = byCriterion.get(id);
    if (!list) byCriterion.set(id, (list = []));
    list.push({ file, line: line + 1, column: start - lineStart + 1, evidence: name });
  }
}
const criteria = [...byCriterion].map(([id, citations]) => ({
  id,
  text: '',
  section: '',
  covered: true,
  state: 'covered',
  evidence: [...new Set(citations.map((c) => c.evidence))],
  citations,
}));
process.stdout.write(
  JSON.stringify({ minimumEvidence: 1, accounts, units: [{ code: 'all', criteria }] }, null, 2) + '\n',
);
