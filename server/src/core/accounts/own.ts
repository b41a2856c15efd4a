/**
 * A copy of a string that shares no memory with the text it was cut from: V8 makes a substring of 13 or more
 * characters a view into its parent, so a title kept from a closed account would keep that whole file's text
 * alive. (Concatenating and slicing again forces a flat copy.)
 */
export function own(s: string | undefined): string | undefined {
  return s === undefined ? undefined : (' ' + s).slice(1);
}
