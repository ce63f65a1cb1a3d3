import { WifValidationError } from "../trust/errors";

/** The provider packages the constructs use, all optional peer dependencies. */
export type ProviderPackage = "@cdktf/provider-aws" | "@cdktf/provider-google" | "@cdktf/provider-azurerm" | "@cdktf/provider-azuread";

/**
 * Loads one resource module of a provider package (never the package barrel, which costs seconds)
 * the first time a construct needs it, so `require("cdktf-wif")` works without any provider
 * installed and loads none the user does not use.
 *
 * @example
 * const { IamRole } = loadProviderModule<typeof import("@cdktf/provider-aws/lib/iam-role")>("@cdktf/provider-aws", "iam-role", "AwsWorkloadIdentityRole");
 */
export function loadProviderModule<T>(pkg: ProviderPackage, resourceModule: string, user: string): T {
  const path = `${pkg}/lib/${resourceModule}`;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(path) as T;
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === "MODULE_NOT_FOUND" && String((err as Error).message).includes(pkg)) {
      throw new WifValidationError(
        user,
        `needs the peer dependency ${pkg} (module ${path} was not found). Install it: npm install ${pkg}.`,
      );
    }
    throw err;
  }
}
