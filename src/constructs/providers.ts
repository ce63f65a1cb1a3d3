import { WifValidationError } from "../trust/errors";
import { ENGINE_RANGES, Engine, EngineName, classEngine, isMissing } from "./engine";

/** The Terraform providers the constructs create resources of. */
export type Provider = "aws" | "google" | "azurerm" | "azuread";

/**
 * The binding package of each provider per engine (all optional peer dependencies). A binding's
 * resources are elements of the engine it was built for, and the engines do not mix: `cdktn` 0.24
 * stops synthesizing a stack holding a `cdktf` 0.21 element (`TypeError:
 * e._resetResolveDiscoveredProviderFeatureUsage is not a function`), so a `cdktn` stack takes
 * `@cdktn` bindings only. CDK Terrain publishes `@cdktn/provider-aws` and `@cdktn/provider-azurerm`;
 * `@cdktn/provider-google` and `@cdktn/provider-azuread` do not exist yet (npm registry, 2026-12-02).
 */
export const PROVIDER_PACKAGES: Readonly<Record<EngineName, Readonly<Record<Provider, string>>>> = {
  cdktf: { aws: "@cdktf/provider-aws", google: "@cdktf/provider-google", azurerm: "@cdktf/provider-azurerm", azuread: "@cdktf/provider-azuread" },
  cdktn: { aws: "@cdktn/provider-aws", google: "@cdktn/provider-google", azurerm: "@cdktn/provider-azurerm", azuread: "@cdktn/provider-azuread" },
};

/** `@cdktn` binding packages not published when this was written: the missing-binding message says so. */
const UNPUBLISHED: ReadonlySet<string> = new Set(["@cdktn/provider-google", "@cdktn/provider-azuread"]);

type Loader = (path: string) => unknown;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const nodeRequire: Loader = (path) => require(path);

/**
 * Loads one resource module of the engine's provider bindings (never the package barrel, which costs
 * seconds) the first time a construct needs it, so `require("cdktf-wif")` works without any provider
 * installed and loads none the user does not use. The module path inside the package (`lib/<resource>`)
 * and the classes are the same in `@cdktf` and `@cdktn` bindings; the type parameter names them from
 * the `@cdktf` declarations. Throws one `WifValidationError` naming the package to install for the
 * user's engine when it is not installed, and refuses a module whose classes are built for the other
 * engine (an npm alias, say).
 *
 * @example
 * const engine = engineOf(this, "AwsWorkloadIdentityRole");
 * const { IamRole } = loadProviderModule<typeof import("@cdktf/provider-aws/lib/iam-role")>(engine, "aws", "iam-role", "AwsWorkloadIdentityRole");
 */
export function loadProviderModule<T>(engine: Pick<Engine, "name">, provider: Provider, resourceModule: string, user: string, load: Loader = nodeRequire): T {
  const pkg = PROVIDER_PACKAGES[engine.name][provider];
  const path = `${pkg}/lib/${resourceModule}`;
  const key = `${engine.name}\u0000${path}`;
  if (load === nodeRequire && checkedModules.has(key)) return checkedModules.get(key) as T;
  let loaded: unknown;
  try {
    loaded = load(path);
  } catch (err) {
    if (isMissing(err, pkg)) throw new WifValidationError(user, missingMessage(engine.name, provider, pkg, path));
    throw err;
  }
  const built = bindingEngine(loaded);
  if (built !== undefined && built.name !== engine.name) {
    throw new WifValidationError(
      user,
      `${path} is built for ${built.name} (its classes extend ${built.fqn}), but the stack is built with ${engine.name}, and the engines' elements do not mix. ` +
        `Install the bindings built for ${engine.name}: npm install ${pkg} (npm ls ${pkg} shows what is installed under that name).`,
    );
  }
  if (load === nodeRequire) checkedModules.set(key, loaded);
  return loaded as T;
}

/** Binding modules `loadProviderModule` has loaded with the real `require` and found built for the engine, by engine and path (a module's classes never change). */
const checkedModules = new Map<string, unknown>();

/** The engine the first jsii class a binding module exports is built on. */
function bindingEngine(mod: unknown): { name: EngineName; fqn: string } | undefined {
  if (mod === null || typeof mod !== "object") return undefined;
  for (const value of Object.values(mod as Record<string, unknown>)) {
    const found = classEngine(value);
    if ("name" in found) return found;
  }
  return undefined;
}

function missingMessage(engine: EngineName, provider: Provider, pkg: string, path: string): string {
  if (UNPUBLISHED.has(pkg)) {
    const cdktfPkg = PROVIDER_PACKAGES.cdktf[provider];
    return (
      `needs ${provider} provider bindings built for cdktn, and CDK Terrain publishes none yet (${pkg} was not found). ` +
      `${cdktfPkg} cannot stand in: its resources are cdktf 0.21 elements, which a cdktn 0.24 stack fails to synthesize. ` +
      `Build the stack holding this construct with cdktf (npm install cdktf@${ENGINE_RANGES.cdktf} ${cdktfPkg}), or install ${pkg} once it is published.`
    );
  }
  const why = engine === "cdktn" ? "; your stack is built with cdktn" : "";
  return `needs the peer dependency ${pkg} (module ${path} was not found${why}). Install it: npm install ${pkg}.`;
}
