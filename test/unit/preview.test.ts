/**
 * The Markdown preview plugin (client/src/preview/citationBadges.ts) with plain markdown-it: badges over the
 * shared table of citation examples, tooltips, unknown marks, regions left alone and escaping.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import MarkdownIt from 'markdown-it';
import type { MarkdownItOptions } from 'markdown-it';
import { buildCitationLookup, EMPTY_LOOKUP, type CitationLookup } from '../../client/src/citationLookup';
import { citationBadges } from '../../client/src/preview/citationBadges';
import type { CriteriaResult } from '../../server/src/protocol';

const root = path.resolve(__dirname, '../..');

interface Example {
  text: string;
  spans: string[];
  unknown?: string[];
  units?: string[];
  cites: string[];
}
const examples = (
  JSON.parse(readFileSync(path.join(root, 'test/fixtures/citation-examples.json'), 'utf8')) as { examples: Example[] }
).examples;

/** The bundled units, shaped as the server's CriteriaRequest answer. */
function bundledCriteria(): CriteriaResult {
  const codes = ['LMCA5', 'LMCB2', 'LMCA4', 'LMCB5', 'LMCQ1'];
  return {
    units: codes.map((code) => {
      const unit = JSON.parse(readFileSync(path.join(root, 'standards', `${code}.json`), 'utf8'));
      return {
        code: unit.code,
        title: unit.title,
        codeConfirmed: unit.codeConfirmed,
        aliases: unit.aliases,
        criteria: unit.criteria.map((c: { id: string; text: string; section: string }) => ({
          id: c.id,
          text: c.text,
          section: c.section,
        })),
      };
    }),
  };
}

const lookup = buildCitationLookup(bundledCriteria());

function render(text: string, l: CitationLookup = lookup, options: MarkdownItOptions = {}): string {
  const md = new MarkdownIt(options);
  citationBadges(md, () => l);
  return md.render(text);
}

function decode(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

/** The visible text of every rendered citation. */
function citationTexts(html: string): string[] {
  return [...html.matchAll(/<span class="ra-citation">((?:(?!<span class="ra-citation">).)*?)<\/span><\/span>/gs)].map(
    (m) => decode(m[1] + '</span>'),
  );
}

interface BadgeHtml {
  text: string;
  title: string;
  unknown: boolean;
}

function badges(html: string): BadgeHtml[] {
  return [...html.matchAll(/<span class="ra-badge( ra-unknown)?" title="([^"]*)">([^<]*)<\/span>/g)].map((m) => ({
    unknown: Boolean(m[1]),
    title: decode(m[2]),
    text: decode(m[3]),
  }));
}

describe('preview plugin: citation badges', () => {
  describe('renders exactly the spans of the shared example table', () => {
    for (const example of examples) {
      it(JSON.stringify(example.text) + (example.units ? ` with units ${example.units.join(', ')}` : ''), () => {
        const frontMatter = example.units ? `---\nunits: [${example.units.join(', ')}]\n---\n\n` : '';
        const html = render(frontMatter + example.text);
        assert.deepEqual(citationTexts(html), example.spans);
        // A bare criterion the context does not make clear is marked and says why.
        const notCounted = badges(html).filter((b) => b.title.startsWith('Not counted'));
        if (example.cites.length === 0) assert.ok(notCounted.every((b) => b.unknown));
        else assert.deepEqual(notCounted, []);
        const unknownUnits = badges(html)
          .filter((b) => b.title.startsWith('Unknown unit'))
          .map((b) => b.title.slice('Unknown unit '.length));
        assert.deepEqual(unknownUnits, example.unknown ?? []);
      });
    }
  });

  it('gives each badge the criterion text as its tooltip; list items get their own badge', () => {
    const lmca5 = lookup.unit('LMCA5')!;
    const p1 = lmca5.criteria.find((c) => c.id === 'P1')!.text;
    const k38 = lmca5.criteria.find((c) => c.id === 'K38')!.text;
    const b = badges(render('I did it (LMCA5/P1, K38).'));
    assert.deepEqual(b, [
      { text: 'LMCA5/P1', title: p1, unknown: false },
      { text: 'K38', title: k38, unknown: false },
    ]);
  });

  it('keeps the spelling as written and resolves aliases', () => {
    const b = badges(render('SCDLMC A5/P3 and h7lp 04/k2'));
    assert.deepEqual(
      b.map((x) => [x.text, x.unknown]),
      [
        ['SCDLMC A5/P3', false],
        ['h7lp 04/k2', false],
      ],
    );
    assert.equal(b[1].title, lookup.criterion('LMCA5', 'K2')!.text);
  });

  it('lists every criterion of a range in its tooltip', () => {
    const [b] = badges(render('LMCA5/P1-P3'));
    assert.equal(b.title.split('\n').length, 3);
    assert.match(b.title, /^P1: /);
    assert.match(b.title.split('\n')[2], /^P3: /);
  });

  it('marks unknown criteria and malformed ranges, saying why', () => {
    const [p30] = badges(render('LMCA5/P30'));
    assert.deepEqual(p30, {
      text: 'LMCA5/P30',
      title: 'LMCA5 has no performance criterion P30 (P1–P29)',
      unknown: true,
    });
    const [reversed] = badges(render('LMCA5/P4-P1'));
    assert.equal(reversed.unknown, true);
    assert.match(reversed.title, /reversed/);
    const [past] = badges(render('LMCA5/K99-K101'));
    assert.equal(past.unknown, true);
    assert.match(past.title, /no knowledge point K101 \(K1–K100\)/);
  });

  it('resolves the unitAliases setting', () => {
    const withAlias = buildCitationLookup(bundledCriteria(), { SCDLMCE2: 'LMCQ1' });
    const [b] = badges(render('SCDLMCE2/P1', withAlias));
    assert.equal(b.unknown, false);
  });

  it('marks citation-shaped text that counts nothing, saying why, and gives it no badge', () => {
    const html = render('P21a, LMCA5/P1.2 and A5/P21 <b>');
    assert.deepEqual(badges(html), []);
    const marked = [...html.matchAll(/<span class="ra-near-miss" title="([^"]*)">([^<]*)<\/span>/g)].map((m) => [
      m[2],
      m[1],
    ]);
    assert.deepEqual(
      marked.map(([text]) => text),
      ['P21a', 'LMCA5/P1.2', 'A5/P21'],
    );
    assert.match(marked[0][1], /no lettered parts/);
    assert.match(marked[1][1], /another award/);
    assert.match(marked[2][1], /not a unit code/);
    assert.match(html, /&lt;b&gt;/);
  });

  it('leaves code spans, code blocks and HTML comments alone', () => {
    const html = render(
      '`LMCA5/P1`\n\n```\nLMCA5/P2\n```\n\n    LMCA5/P3\n\n<!-- tutor: LMCA5/P4 -->\n\nText <!-- LMCA5/P5 --> end',
      lookup,
      { html: true },
    );
    assert.deepEqual(badges(html), []);
  });

  it('works inside headings, lists, emphasis and link text', () => {
    const html = render('# LMCA5/P1\n\n- LMCA5/P2\n\n**LMCA5/P3** and [LMCA5/P4](ra1.md)\n\n> LMCA5/P5');
    assert.deepEqual(
      badges(html).map((b) => b.text),
      ['LMCA5/P1', 'LMCA5/P2', 'LMCA5/P3', 'LMCA5/P4', 'LMCA5/P5'],
    );
    assert.match(html, /<a href="ra1.md"><span class="ra-citation">/);
  });

  it('leaves text alone until the standards have loaded', () => {
    assert.equal(render('LMCA5/P1', EMPTY_LOOKUP), '<p>LMCA5/P1</p>\n');
  });

  it('escapes criterion texts, unit spellings and surrounding text', () => {
    const hostile = buildCitationLookup({
      units: [
        {
          code: 'LMCZ9',
          title: '<b>t</b>',
          codeConfirmed: true,
          criteria: [{ id: 'P1', text: '"><script>alert(1)</script>', section: 's' }],
        },
      ],
    });
    const html = render('<img src=x onerror=alert(1)> LMCZ9/P1 & LMCZ9/P2', hostile);
    assert.doesNotMatch(html, /<script|<img/);
    const b = badges(html);
    assert.equal(b[0].title, '"><script>alert(1)</script>');
    assert.equal(b[1].unknown, true);
    assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
  });
});
