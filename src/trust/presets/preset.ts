import type { TrustProps } from "../trust-props";

/** One preset: validates its options and returns the props of the trust (`Trust.<name>(options)` builds it). */
export type TrustPreset<O> = (options: O) => TrustProps;

/**
 * The `Trust` factories one issuer kind contributes, by factory name (`{ buildkite: buildkiteTrustProps }`).
 * `never` accepts every options type: each preset keeps its own.
 */
export type PresetTable = Readonly<Record<string, TrustPreset<never>>>;
