/** The two accounts of an LMCA5 portfolio that the server tests start from, and how they read diagnostics. */

export const codes = (items: any[]) => items.map((d) => d.code);
export const uncovered = (items: any[]) => items.filter((d) => d.code === 'uncovered').map((d) => d.message);

/** Account A cites all of LMCA5 but P29; B only declares the unit. */
export const A =
  '---\nevidence: RA1\nunits: [LMCA5]\n---\nWe did it all (LMCA5/P1-P28, K1-K100), over many months of work.\n';
export const B = '---\nevidence: RA2\nunits: [LMCA5]\n---\nA reflection on supervision.\n';
