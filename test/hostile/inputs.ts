/**
 * Hostile and huge inputs, shared by the hostile tier and the protocol tier. Each generator is
 * deterministic, so a failure reproduces, and cheap next to what it stresses.
 */

const SENTENCE = 'I met the team to plan the rota and reviewed how each visit went with the key people involved ';

/** A plain account of about `chars` characters: front matter, headings and paragraphs citing LMCA5 and LMCB2. */
export function hugeAccount(chars: number): string {
  const parts = [
    '---\ntitle: A very long account\nevidence: RA99\nunits: [LMCA5, LMCB2]\n---\n\n# A very long account\n\n',
  ];
  let length = parts[0].length;
  for (let i = 0; length < chars; i++) {
    const p =
      i % 50 === 0
        ? `## Part ${i}\n\n`
        : `${SENTENCE.repeat(4)}(LMCA5/P${(i % 29) + 1}, K${(i % 100) + 1}) and LMCB2/P${(i % 45) + 1}.\n\n`;
    parts.push(p);
    length += p.length;
  }
  return parts.join('').slice(0, chars);
}

/** `n` citations in one file, ten to a line, lists and ranges among them. */
export function manyCitations(n: number): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i += 10) {
    const line: string[] = [];
    for (let j = i; j < Math.min(n, i + 10); j++) {
      line.push(
        j % 7 === 0
          ? `LMCA5/P${(j % 25) + 1}-P${(j % 25) + 4}`
          : j % 5 === 0
            ? `SCDLMCB2/K${(j % 107) + 1}, P${(j % 45) + 1}`
            : `LMCA5/K${(j % 100) + 1}`,
      );
    }
    lines.push(line.join(' and '));
  }
  return lines.join('\n');
}

export function bigTable(rows: number): string {
  const out = ['| Date | What I did | Criteria |', '|---|---|---|'];
  for (let i = 0; i < rows; i++)
    out.push(
      `| 2024-01-${String((i % 28) + 1).padStart(2, '0')} | Visit ${i} with \`code ${i}\` | LMCA5/P${(i % 29) + 1}, K${(i % 100) + 1} |`,
    );
  return out.join('\n') + '\n';
}

/** Deeply nested containers, each with a citation that counts and one in fenced code that must not. */
export const deepNesting: Record<string, () => string> = {
  '10,000 levels of block quote (`>>>>`)': () => '>'.repeat(10_000) + ' LMCA5/P1\n\n```\nLMCA5/P2\n```\n',
  '10,000 levels of block quote (`> > >`)': () => '> '.repeat(10_000) + 'LMCA5/P1\n\n```\nLMCA5/P2\n```\n',
  '10,000 list markers on one line': () => '- '.repeat(10_000) + 'LMCA5/P1\n\n```\nLMCA5/P2\n```\n',
  '500 lines each indented one level deeper': () =>
    Array.from({ length: 500 }, (_, i) => ' '.repeat(i * 2) + '- LMCA5/P1').join('\n') + '\n\n```\nLMCA5/P2\n```\n',
  '5,000 list items with nested lists': () =>
    Array.from({ length: 5000 }, () => '- item LMCA5/P1\n  - nested').join('\n') + '\n\n```\nLMCA5/P2\n```\n',
  '2,000 lines of quoted nested lists': () =>
    Array.from({ length: 2000 }, () => '> > - - 1. item LMCA5/P1').join('\n') + '\n\n~~~\nLMCA5/P2\n~~~\n',
};

/** A paragraph of backtick runs of every length up to `n`, none closed: each retried to the paragraph's end. */
export function backtickRuns(n: number): string {
  return (
    'LMCA5/P1 ' + Array.from({ length: n }, (_, i) => '`'.repeat(n - i) + ' x ').join('') + '\n\n```\nLMCA5/P2\n```\n'
  );
}

/** Front matter of about `bytes` characters: a long title, a long units list and a long list of notes. */
export function hugeFrontMatter(bytes: number, broken = false): string {
  const units = Array.from({ length: 2000 }, (_, i) => (i % 2 ? 'LMCA5' : 'LMCB2')).join(', ');
  const lines = ['---', `title: A title citing LMCA5/P9, which does not count`, `units: [${units}]`, 'notes:'];
  let length = lines.join('\n').length;
  for (let i = 0; length < bytes; i++) {
    const line = `  - note ${i} about LMCA5/P${(i % 29) + 1} and the rota`;
    lines.push(line);
    length += line.length + 1;
  }
  if (broken) lines.push('title: [unclosed');
  lines.push('---', '', 'Body cites LMCA5/P3 once.', '');
  return lines.join('\n');
}
