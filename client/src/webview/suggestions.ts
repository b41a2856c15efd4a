/**
 * The panel's "Criteria this paragraph may evidence" section: checking the host's message (pure, shared with
 * tests) and drawing it. Each suggestion is a button that asks the host to cite it at the end of the sentence
 * under the editor's cursor.
 */
import type { FromWebview, PanelSuggestions } from '../../../server/src/protocol';
import { el } from './dom';

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The message with every field coerced to its type, or undefined. */
export function parseSuggestions(m: Record<string, unknown>): PanelSuggestions | undefined {
  if (!Array.isArray(m.suggestions)) return undefined;
  const line = typeof m.line === 'number' && Number.isInteger(m.line) && m.line > 0 ? m.line : null;
  const suggestions = m.suggestions.slice(0, 20).flatMap((v) => {
    const s = (v && typeof v === 'object' ? v : {}) as Record<string, unknown>;
    if (typeof s.code !== 'string') return [];
    return [
      {
        code: s.code,
        text: str(s.text),
        covered: s.covered === true,
        why: Array.isArray(s.why) ? s.why.filter((w): w is string => typeof w === 'string').slice(0, 10) : [],
      },
    ];
  });
  return { type: 'suggestions', account: str(m.account), line, suggestions };
}

/** "RA1, paragraph at line 13: 5 criteria it may evidence" and the list, or a hint when there is no paragraph. */
export function renderSuggestions(
  container: HTMLElement,
  m: PanelSuggestions,
  post: (message: FromWebview) => void,
): void {
  const heading = el('h2', {}, 'Criteria this paragraph may evidence');
  if (m.line === null) {
    container.replaceChildren(
      heading,
      el('p', { class: 'hint' }, 'Put the cursor in a paragraph of an account to see the criteria it may evidence.'),
    );
    return;
  }
  const where = el(
    'p',
    { class: 'hint' },
    `${m.account}, paragraph at line ${m.line}` +
      (m.suggestions.length
        ? ': click one to cite it at the end of the sentence.'
        : ': nothing in the units in scope matches it yet.'),
  );
  const items = m.suggestions.map((s) =>
    el(
      'li',
      {},
      el(
        'button',
        { type: 'button', class: 'suggestion', 'data-code': s.code, 'aria-label': `Cite ${s.code}: ${s.text}` },
        el('span', { class: 'code' }, s.code),
        s.covered ? '' : el('span', { class: 'badge' }, 'not yet covered'),
        el('span', { class: 'text' }, s.text),
        el('span', { class: 'why' }, `shares: ${s.why.join(', ')}`),
      ),
    ),
  );
  const list = el('ul', { class: 'suggestions' }, ...items);
  list.addEventListener('click', (e) => {
    const button = (e.target as Element).closest('button.suggestion');
    const code = button?.getAttribute('data-code');
    if (code) post({ type: 'cite', code });
  });
  container.replaceChildren(heading, where, list);
}
