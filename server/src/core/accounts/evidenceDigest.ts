/**
 * A digest of what an account says as evidence, so that an assessor's acceptance can tell when the accounts it
 * rests on have changed since. HTML comments are left out (review threads and tutor notes are conversation,
 * not evidence: replying to a thread must not undo an acceptance) and every run of white space counts as one
 * space (re-wrapping a paragraph changes nothing an assessor read).
 *
 * FNV-1a, 32 bits, written as 8 hex digits: a change detector, not a security measure. Pure and linear.
 */

/**
 * The evidence digest of a parsed account, from the text it was parsed from (its comments are known). Not a
 * field of the account: it is asked for only when a portfolio has acceptances, and working it out on every
 * parse cost a third of parsing a long account at each keystroke.
 */
export function accountEvidenceDigest(
  text: string,
  account: { ignored: ReadonlyArray<{ kind: string; start: number; end: number }> },
): string {
  return evidenceDigest(
    text,
    account.ignored.filter((r) => r.kind === 'comment'),
  );
}

export function evidenceDigest(text: string, comments: ReadonlyArray<{ start: number; end: number }>): string {
  let hash = 0x811c9dc5;
  let space = false;
  let next = 0;
  for (let i = 0; i < text.length; i++) {
    while (next < comments.length && comments[next].end <= i) next++;
    if (next < comments.length && comments[next].start <= i) {
      i = comments[next].end - 1;
      space = true;
      continue;
    }
    const ch = text.charCodeAt(i);
    if (ch === 32 || ch === 9 || ch === 10 || ch === 13 || ch === 0xa0 || ch === 0xfeff) {
      space = true;
      continue;
    }
    if (space) {
      hash = Math.imul(hash ^ 32, 0x01000193);
      space = false;
    }
    hash = Math.imul(hash ^ ch, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/**
 * The digest of the accounts citing one criterion: their evidence numbers and digests, in a fixed order.
 * A new citing account, a dropped one or an edit to any of them changes it.
 */
export function criterionDigest(citing: ReadonlyArray<{ evidence: string; digest: string }>): string {
  const parts = citing.map((a) => `${a.evidence}=${a.digest}`).sort();
  return evidenceDigest([...new Set(parts)].join('\n'), []);
}
