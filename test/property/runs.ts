/**
 * How many generated cases a property test runs: `fallback` (the CI size) unless
 * `WIF_PROPERTY_RUNS` sets another positive integer. Mutation testing (jest.stryker.config.js)
 * sets a smaller size so that each mutant's run stays short; the seed stays fixed, so every run of
 * a given size generates the same cases.
 *
 * @example
 * const RUNS = propertyRuns(2_100); // 2100, or WIF_PROPERTY_RUNS=150 → 150
 */
export function propertyRuns(fallback: number): number {
  const text = process.env.WIF_PROPERTY_RUNS;
  if (text === undefined || text === "") return fallback;
  const runs = Number(text);
  if (!Number.isInteger(runs) || runs < 1) {
    throw new Error(
      `WIF_PROPERTY_RUNS is "${text}": set it to a positive whole number of generated cases (e.g. 150), or unset it for the CI size (${fallback}).`,
    );
  }
  return runs;
}
