/**
 * A property is named once and run twice: a quick run inside `npm test` (the `*.test.ts` files of this
 * folder) and a long one in `npm run fuzz` (scripts/fuzz.ts), which shares out its inputs by `fuzzShare`.
 */
import type fc from 'fast-check';

export interface Prop {
  name: string;
  /** Inputs in the quick run of `npm test`. */
  quickRuns: number;
  /** Inputs per million of `npm run fuzz` (scaled to its --total); expensive properties get fewer. */
  fuzzShare: number;
  property: () => fc.IProperty<any>;
}

/** `FC_SEED=… FC_PATH=…` replay a failure fast-check reported; `FC_RUNS_SCALE=10` runs ten times as many. */
export function quickParameters(prop: Prop): fc.Parameters<unknown> {
  const scale = Number(process.env.FC_RUNS_SCALE ?? 1);
  return {
    numRuns: Math.max(1, Math.round(prop.quickRuns * (Number.isFinite(scale) && scale > 0 ? scale : 1))),
    ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}),
    ...(process.env.FC_PATH ? { path: process.env.FC_PATH } : {}),
  };
}

/** Registers one mocha test per property. */
export function describeProps(title: string, props: readonly Prop[], fcModule: typeof fc): void {
  describe(title, () => {
    for (const prop of props) {
      it(prop.name, () => fcModule.assert(prop.property(), quickParameters(prop)));
    }
  });
}
