/**
 * A packed account must read exactly as the account it was packed from: same fields, same values, same key
 * order, on accounts of every shape the parser makes (generated, plus the example portfolio).
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAccount, type Account } from '../../server/src/core/accounts/account';
import { positionAt } from '../../server/src/core/accounts/lines';
import { forEachCitedItem, packAccount, positionInAccount, type CitedItem } from '../../server/src/core/accounts/packedAccount';
import { plainAccount, rng, testCatalog } from './helpers';

const catalog = testCatalog();

/** An account text drawing on every construct that ends up in a packed field. */
function generated(next: () => number): string {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)];
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const unit = () => pick(['LMCA5', 'lmca5', 'SCDLMCA5', 'H7LP 04', 'LMCB2', 'LMCZ9', 'XYZ12']);
  const item = () => pick([`P${int(1, 40)}`, `k${int(1, 120)}`, `P${int(1, 9)}-P${int(1, 30)}`, `K${int(1, 5)}–${int(3, 12)}`,
    `P${int(1, 5)} - K${int(1, 5)}`, `P${int(1, 9)}—P${int(1, 9)}`]);
  const citation = () => `${unit()}/${item()}${next() < 0.4 ? `, ${item()}` : ''}${next() < 0.2 ? `,${item()}` : ''}`;
  const blocks = [
    () => `I led the handover meeting and changed the rota (${citation()}). Naïve “quotes” – fine.`,
    () => `Inline \`${citation()}\` is code, but this counts: ${citation()}.`,
    () => `\`\`\`\n${citation()}\n\`\`\``,
    () => `<!-- ${citation()} hidden -->`,
    () => `<!-- tutor: check ${citation()} please -->`,
    () => `# Heading ${int(1, 9)}`,
    () => `- a list item citing ${citation()}\n- another`,
    () => `> quoted ${citation()}`,
    () => '',
  ];
  const front = pick([
    '',
    `---\ntitle: Account ${int(1, 99)}\nevidence: RA${int(1, 30)}\nunits: [LMCA5, LMCB2]\n---\n`,
    `---\nunits:\n  - LMCA5\n---\n`,
  ]);
  const body: string[] = [];
  for (let i = int(0, 12); i > 0; i--) body.push(pick(blocks)());
  const eol = next() < 0.2 ? '\r\n' : '\n';
  return (front + body.join('\n\n')).replace(/\n/g, eol);
}

function accounts(): Account[] {
  const out: Account[] = [];
  const next = rng(41);
  for (let i = 0; i < 300; i++) out.push(parseAccount(`file:///p/ra${i}.md`, generated(next), catalog.resolve));
  const examples = path.join(__dirname, '..', '..', 'examples');
  for (const f of fs.readdirSync(examples).filter((f) => f.endsWith('.md'))) {
    out.push(parseAccount(`file:///ex/${f}`, fs.readFileSync(path.join(examples, f), 'utf8'), catalog.resolve));
  }
  out.push(parseAccount('file:///p/empty.md', '', catalog.resolve));
  return out;
}

function itemsOf(account: Account): CitedItem[] {
  return account.citations.flatMap((c) => c.items.map((i) => ({
    unitCode: c.unitCode, kind: i.kind, from: i.from, toKind: i.toKind, to: i.to, isRange: i.isRange, start: i.start, end: i.end,
  })));
}

describe('packed accounts', () => {
  const all = accounts();

  it('read the same as the accounts they were packed from, key order included', () => {
    assert.ok(all.some((a) => a.citations.some((c) => c.items.some((i) => i.isRange))), 'the sample has ranges');
    assert.ok(all.some((a) => a.ignored.some((r) => r.kind === 'comment')), 'the sample has comments');
    for (const a of all) {
      const packed = packAccount(a);
      assert.deepEqual(plainAccount(packed), a);
      assert.equal(JSON.stringify(plainAccount(packed)), JSON.stringify(a));
      assert.deepEqual(Object.keys(plainAccount(a)), Object.keys(a), 'plainAccount knows every field the parser makes');
    }
  });

  it('walk the same cited items, and place offsets on the same lines', () => {
    for (const a of all) {
      const packed = packAccount(a);
      const seen: CitedItem[] = [];
      forEachCitedItem(packed, (item) => seen.push({ ...item }));
      assert.deepEqual(seen, itemsOf(a));
      for (let offset = 0; offset <= a.length; offset += 7) {
        assert.deepEqual(positionInAccount(packed, offset), positionAt(a.lineStarts, offset));
      }
    }
  });

  it('hand out one array per field while in use, and take a written value as the new one', () => {
    const a = all.find((x) => x.citations.length > 1)!;
    const packed = packAccount(a);
    assert.equal(packed.citations, packed.citations, 'the same array on a second read');
    const only = [a.citations[0]];
    packed.citations = only;
    assert.equal(packed.citations, only);
    const seen: CitedItem[] = [];
    forEachCitedItem(packed, (item) => seen.push({ ...item }));
    assert.deepEqual(seen, itemsOf({ ...a, citations: only }));
    assert.deepEqual(packed.paragraphs, a.paragraphs, 'the other fields still read from the packed numbers');
  });

  it('still read right after many other accounts were read', () => {
    const packed = all.map(packAccount);
    for (const p of packed) void p.citations;
    packed.forEach((p, i) => assert.deepEqual(p.citations, all[i].citations));
  });
});

describe('packed accounts: the shared string table', () => {
  it('reads right once the table is full and an account keeps strings of its own', () => {
    // Fifty thousand different item texts fill the table; the next accounts bring texts it has not seen.
    const many = Array.from({ length: 50001 }, (_, n) => `LMCA5/P${100000 + n}`).join(' and ');
    const big = parseAccount('file:///p/big.md', many, catalog.resolve);
    assert.deepEqual(plainAccount(packAccount(big)), big);
    const late = parseAccount('file:///p/late.md', 'Done (LMCA5/P999001, K999002-K999003) and (LMCA5/p999004).', catalog.resolve);
    assert.equal(late.citations.length, 2);
    const packed = packAccount(late);
    assert.deepEqual(plainAccount(packed), late);
    const seen: CitedItem[] = [];
    forEachCitedItem(packed, (item) => seen.push({ ...item }));
    assert.deepEqual(seen, itemsOf(late));
  });
});
