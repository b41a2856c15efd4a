import { strict as assert } from 'node:assert';
import { parseAccount } from '../../server/src/core/accounts/account';
import { computeCoverage } from '../../server/src/core/coverage/coverage';
import { computeDiagnostics, type CoreDiagnostic } from '../../server/src/core/features/diagnostics';
import { createPortfolio, updateAccount } from '../../server/src/core/coverage/portfolio';
import { readSettings } from '../../server/src/core/settings';
import { testCatalog } from './helpers';

const catalog = testCatalog();

/**
 * Parses a multi-file fixture ("=== name.md" headers) into a portfolio and returns the diagnostics of the
 * first file, rendered as caret lines under the text: `^^^^ code: message`.
 */
function diagnose(fixture: string, settings: Record<string, unknown> = {}, only?: string[]): string {
  const files = fixture.split(/^=== (.+)\n/m).slice(1);
  const portfolio = createPortfolio('file:///p');
  const texts: Array<[string, string]> = [];
  for (let i = 0; i < files.length; i += 2) texts.push([`file:///p/${files[i]}`, files[i + 1]]);
  for (const [uri, text] of texts) updateAccount(portfolio, parseAccount(uri, text, catalog.resolve));
  const s = readSettings(settings);
  const [uri, text] = texts[0];
  const coverage = computeCoverage(catalog, portfolio, s.minimumEvidence);
  const diags = computeDiagnostics(catalog, portfolio.accounts.get(uri)!, coverage, s).filter(
    (d) => !only || only.includes(d.code),
  );
  return render(text, diags);
}

function render(text: string, diags: CoreDiagnostic[]): string {
  const out: string[] = [];
  let lineStart = 0;
  for (const line of text.split('\n')) {
    out.push(line);
    const lineEnd = lineStart + line.length;
    for (const d of diags) {
      const onThisLine = (d.start >= lineStart && d.start < lineEnd) || (d.start === lineEnd && d.end === d.start);
      if (!onThisLine) continue;
      const width = Math.max(1, Math.min(d.end, lineEnd) - d.start);
      out.push(' '.repeat(d.start - lineStart) + '^'.repeat(width) + ` ${d.code}: ${d.message}`);
    }
    lineStart = lineEnd + 1;
  }
  return out.join('\n');
}

const noCoverage = { diagnostics: { uncovered: 'off' }, overClaimed: { severity: 'off' } };

describe('diagnostics: citations', () => {
  it('unknown unit with a suggestion', () => {
    assert.equal(
      diagnose('=== a.md\nI did LMCA6/P1.', noCoverage),
      'I did LMCA6/P1.\n' + '      ^^^^^ unknown-unit: Unknown unit LMCA6. Did you mean LMCA5?',
    );
  });
  it('unknown unit without a close match', () => {
    assert.equal(
      diagnose('=== a.md\nQWERTY99/P1', noCoverage),
      'QWERTY99/P1\n' + '^^^^^^^^ unknown-unit: Unknown unit QWERTY99.',
    );
  });
  it('unknown criterion names the valid range', () => {
    assert.equal(
      diagnose('=== a.md\nSee LMCA5/P30, K101.', noCoverage),
      'See LMCA5/P30, K101.\n' +
        '          ^^^ unknown-criterion: LMCA5 has no performance criterion P30 (P1–P29)\n' +
        '               ^^^^ unknown-criterion: LMCA5 has no knowledge point K101 (K1–K100)',
    );
  });
  it('invalid ranges: reversed, mixed, out of bounds', () => {
    assert.equal(
      diagnose('=== a.md\nLMCA5/P4-P2, P1-K3, P28-P31', noCoverage),
      'LMCA5/P4-P2, P1-K3, P28-P31\n' +
        '      ^^^^^ invalid-range: Invalid range P4-P2: it is reversed: P4 comes after P2\n' +
        '             ^^^^^ invalid-range: Invalid range P1-K3: it mixes kinds: P1 to K3\n' +
        '                    ^^^^^^^ invalid-range: Invalid range P28-P31: LMCA5 has performance criteria P1–P29 only',
    );
  });
  it('non-canonical alias, case and shorthand, with replacements', () => {
    assert.equal(
      diagnose('=== a.md\nSCDLMCA5/P1, lmca5/p2, LMCA5/P3-5 LMCA5/P6–P7', noCoverage),
      'SCDLMCA5/P1, lmca5/p2, LMCA5/P3-5 LMCA5/P6–P7\n' +
        '^^^^^^^^ non-canonical: Write LMCA5 (canonical code for SCDLMCA5)\n' +
        '             ^^^^^ non-canonical: Write LMCA5 (canonical code for lmca5)\n' +
        '                   ^^ non-canonical: Write P2 (canonical form of p2)\n' +
        '                             ^^^^ non-canonical: Write P3-P5 (canonical form of P3-5)',
    );
  });
  it('nothing for citations in code or comments', () => {
    assert.equal(diagnose('=== a.md\n`LMCA6/P1` <!-- LMCA5/P99 -->', noCoverage), '`LMCA6/P1` <!-- LMCA5/P99 -->');
  });
});

describe('diagnostics: front matter', () => {
  it('front-matter error at the YAML problem; the body is still checked', () => {
    const out = diagnose('=== a.md\n---\ntitle: "open\n---\nLMCA5/P99\n', noCoverage);
    assert.match(out, /\^+ front-matter: Front matter is not valid YAML/);
    assert.match(out, /unknown-criterion: LMCA5 has no performance criterion P99/);
  });
  it('unknown and non-canonical units in the units list', () => {
    assert.equal(
      diagnose('=== a.md\n---\nunits: [LMCA7, scdlmcb2]\n---\n', noCoverage),
      '---\n' +
        'units: [LMCA7, scdlmcb2]\n' +
        '        ^^^^^ unknown-unit: Unknown unit LMCA7. Did you mean LMCA5?\n' +
        '               ^^^^^^^^ non-canonical: Write LMCB2 (canonical code for scdlmcb2)\n' +
        '---\n',
    );
  });
});

describe('diagnostics: uncovered', () => {
  it('on the units entry, listing what is missing across the portfolio', () => {
    const out = diagnose('=== a.md\n---\nunits: [LMCA5]\n---\nLMCA5/P1-P20\n=== b.md\nLMCA5/P21-P28, K1-K99\n', {}, [
      'uncovered',
    ]);
    assert.equal(
      out,
      '---\n' +
        'units: [LMCA5]\n' +
        '        ^^^^^ uncovered: LMCA5: 1 of 29 performance criteria and 1 of 100 knowledge points not yet covered: P29, K100\n' +
        '---\n' +
        'LMCA5/P1-P20\n',
    );
  });
  it('on the first citation when no account lists the unit', () => {
    const out = diagnose('=== a.md\nText LMCB2/P1 and LMCB2/P2\n', {}, ['uncovered']);
    assert.match(
      out,
      /^ {5}\^{8} uncovered: LMCB2: 43 of 45 performance criteria and 107 of 107 knowledge points not yet covered: P3-P45, K1-K107$/m,
    );
  });
  it('lists at most 20 runs of missing criteria', () => {
    const every2nd = Array.from({ length: 22 }, (_, i) => `P${2 * i + 1}`).join(', ');
    const out = diagnose(`=== a.md\nLMCB2/${every2nd}, K1-K107\n`, {}, ['uncovered']);
    assert.match(out, /not yet covered: P2, P4, P6, .*, P40, …$/m);
  });
  it('is gone once everything is covered, and respects minimumEvidence', () => {
    const full = '=== a.md\n---\nunits: [LMCA5]\n---\nLMCA5/P1-P29, K1-K100\n';
    assert.doesNotMatch(diagnose(full, {}, ['uncovered']), /uncovered/);
    assert.match(diagnose(full, { minimumEvidence: 2 }, ['uncovered']), /29 of 29 performance criteria/);
  });
  it('can be switched off or raised', () => {
    const text = '=== a.md\nLMCA5/P1\n';
    assert.doesNotMatch(diagnose(text, { diagnostics: { uncovered: 'off' } }), /uncovered/);
  });
});

describe('diagnostics: over-claimed', () => {
  it('flags a paragraph citing many criteria in few words', () => {
    const out = diagnose('=== a.md\nI did it all (LMCA5/P1-P8).\n\n' + 'word '.repeat(100) + 'LMCA5/P9-P13\n', {}, [
      'over-claimed',
    ]);
    assert.equal(
      out.split('\n')[1],
      '^'.repeat(27) +
        ' over-claimed: This paragraph cites 8 criteria in 4 words: an assessor may ask where each is evidenced (aim for at least 12 words per criterion)',
    );
    assert.equal(out.split('\n').filter((l) => l.includes('over-claimed')).length, 1);
  });
  it('thresholds come from settings', () => {
    const out = diagnose('=== a.md\nShort LMCA5/P1, P2\n', { overClaimed: { minCriteria: 2, wordsPerCriterion: 5 } }, [
      'over-claimed',
    ]);
    assert.match(out, /cites 2 criteria in 1 words/);
  });
});
