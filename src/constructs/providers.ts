import { WifValidationError } from "../trust/errors";
import { ENGINE_RANGES, Engine, EngineName, isMissing } from "./engine";

/** The Terraform providers the constructs create resources of. */
export type Provider = "aws" | "google" | "azurerm" | "azuread";

/**
 * The binding packages of each provider, in order of preference, per engine (all optional peer
 * dependencies). CDK Terrain publishes `@cdktn/provider-aws` and `@cdktn/provider-azurerm`; for
 * Google and azuread no `@cdktn` build exists, and the `@cdktf` bindings run in a `cdktn` stack
 * (they bring `cdktf` with them). A `cdktn` stack also accepts the `@cdktf` AWS and azurerm bindings
 * when those are what is installed (a project half-way through its migration).
 */
export const PROVIDER_PACKAGES: Readonly<Record<EngineName, Readonly<Record<Provider, readonly string[]>>>> = {
  cdktf: {
    aws: ["@cdktf/provider-aws"],
    google: ["@cdktf/provider-google"],
    azurerm: ["@cdktf/provider-azurerm"],
    azuread: ["@cdktf/provider-azuread"],
  },
  cdktn: {
    aws: ["@cdktn/provider-aws", "@cdktf/provider-aws"],
    google: ["@cdktf/provider-google"],
    azurerm: ["@cdktn/provider-azurerm", "@cdktf/provider-azurerm"],
    azuread: ["@cdktf/provider-azuread"],
  },
};

type Loader = (path: string) => unknown;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const nodeRequire: Loader = (path) => require(path);

/**
 * Loads one resource module of the engine's provider bindings (never the package barrel, which costs
 * seconds) the first time a construct needs it, so `require("cdktf-wif")` works without any provider
 * installed and loads none the user does not use. The module path inside the package (`lib/<resource>`)
 * is the same in `@cdktf` and `@cdktn` bindings, and so are the classes; the type parameter names them
 * from the `@cdktf` declarations. Throws one `WifValidationError` naming the package to install for the
 * user's engine when none is installed.
 *
 * @example
 * const engine = engineOf(this, "AwsWorkloadIdentityRole");
 * const { IamRole } = loadProviderModule<typeof import("@cdktf/provider-aws/lib/iam-role")>(engine, "aws", "iam-role", "AwsWorkloadIdentityRole");
 */
export function loadProviderModule<T>(engine: Pick<Engine, "name">, provider: Provider, resourceModule: string, user: string, load: Loader = nodeRequire): T {
  const candidates = PROVIDER_PACKAGES[engine.name][provider];
  for (const pkg of candidates) {
    const path = `${pkg}/lib/${resourceModule}`;
    try {
      return load(path) as T;
    } catch (err) {
      if (isMissing(err, pkg)) continue;
      if (pkg.startsWith("@cdktf/") && isMissing(err, "cdktf")) {
        throw new WifValidationError(
          user,
          `${pkg} is installed but cannot load cdktf, which it runs on (also in a ${engine.name} stack). Install it: npm install cdktf@${ENGINE_RANGES.cdktf}.`,
        );
      }
      throw err;
    }
  }
  throw new WifValidationError(user, missingMessage(engine.name, provider, candidates, resourceModule));
}

function missingMessage(engine: EngineName, provider: Provider, candidates: readonly string[], resourceModule: string): string {
  const [preferred, ...fallbacks] = candidates;
  const others = fallbacks.map((p) => `, nor ${p}/lib/${resourceModule}`).join("");
  const why =
    engine === "cdktf"
      ? ""
      : preferred.startsWith("@cdktf/")
        ? `; your stack is built with cdktn, and CDK Terrain publishes no ${provider} bindings: the @cdktf ones run in a cdktn stack and bring cdktf with them`
        : "; your stack is built with cdktn";
  return `needs the peer dependency ${preferred} (module ${preferred}/lib/${resourceModule} was not found${others}${why}). Install it: npm install ${preferred}.`;
}
