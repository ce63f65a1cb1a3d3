import type { IssuerKind } from "./issuers";
import { TRUST_PRESETS } from "./presets";
import { Trust as TrustModel } from "./trust-model";
import type { TrustProps } from "./trust-props";

export { missingAwsAudience, ownTrust } from "./trust-model";
export type { TokenClaims, TrustProps } from "./trust-props";

type Presets = typeof TRUST_PRESETS;
type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;
/** Every preset of every kind, by factory name. */
type AllPresets = UnionToIntersection<Presets[IssuerKind]>;

/** The factory names of one kind. */
type NamesOf<K extends IssuerKind> = keyof Presets[K] & string;
/** Factory names two kinds both define (must be none). */
type Duplicated = { [K in IssuerKind]: NamesOf<K> & { [J in Exclude<IssuerKind, K>]: NamesOf<J> }[Exclude<IssuerKind, K>] }[IssuerKind];
/** Factory names that would shadow a static of the class (`name`, `length`, `prototype`). */
type Shadowing = keyof AllPresets & keyof typeof TrustModel;

/**
 * `Trust.<name>(options)` for every preset of `TRUST_PRESETS`, typed from the preset: its options in,
 * a `Trust` out (the preset's JSDoc is the factory's).
 */
export type TrustFactories = {
  readonly [N in keyof AllPresets]: AllPresets[N] extends (options: infer O) => TrustProps ? (options: O) => Trust : never;
};

/** The name of a `Trust` factory, e.g. `"buildkite"`. */
export type TrustPresetName = keyof TrustFactories;

/** The options of the `Trust` factory `N`, e.g. `TrustPresetOptions<"buildkite">` is `BuildkiteTrustOptions`. */
export type TrustPresetOptions<N extends TrustPresetName> = Parameters<TrustFactories[N]>[0];

// Compile-time checks: no factory name is defined by two kinds or shadows a static of the class.
const NO_DUPLICATE_FACTORY: [Duplicated] extends [never] ? true : { readonly duplicated: Duplicated } = true;
const NO_SHADOWING_FACTORY: [Shadowing] extends [never] ? true : { readonly shadowing: Shadowing } = true;
void NO_DUPLICATE_FACTORY;
void NO_SHADOWING_FACTORY;

/** The class with one non-enumerable static factory per preset (checked once more at load, for plain JavaScript edits). */
function withPresets(model: typeof TrustModel): typeof TrustModel & TrustFactories {
  const seen = new Set<string>();
  for (const table of Object.values(TRUST_PRESETS) as readonly Readonly<Record<string, (options: unknown) => TrustProps>>[]) {
    for (const [name, preset] of Object.entries(table)) {
      if (seen.has(name) || Object.prototype.hasOwnProperty.call(model, name)) {
        throw new Error(`Trust.${name} is defined twice (TRUST_PRESETS, src/trust/presets/index.ts): give the preset another name.`);
      }
      seen.add(name);
      const factory = { [name]: (options: unknown) => new model(preset(options)) }[name];
      Object.defineProperty(model, name, { value: factory, enumerable: false, writable: false, configurable: false });
    }
  }
  return model as typeof TrustModel & TrustFactories;
}

/**
 * A workload identity federation trust (the class in `./trust-model.ts`), with one static factory per
 * issuer preset of `TRUST_PRESETS` (`Trust.githubActions({...})`, `Trust.gitlab({...})`, ...: every one
 * is listed in docs/issuers.md), or built as `new Trust({ issuer, subject, audiences, claims })`.
 *
 * @example
 * const deploy = Trust.githubActions({ repository: "octo-org/payments", environment: "production" });
 * deploy.accepts({ iss: "https://token.actions.githubusercontent.com",
 *   sub: "repo:octo-org/payments:environment:production", aud: "sts.amazonaws.com" }, "aws"); // true
 */
export const Trust = withPresets(TrustModel);
/** A workload identity federation trust: an immutable value, independent of any cloud. */
export type Trust = TrustModel;
