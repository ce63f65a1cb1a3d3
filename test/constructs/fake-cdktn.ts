import * as cdktf from "cdktf";

/**
 * The jest suite runs on cdktf only: `cdktn` 0.24 wants `constructs` <10.8 and this repository
 * dev-depends on 10.8.1 for cdktf, so installing both would break peer resolution. CDK Terrain kept
 * cdktf's API, symbols and token map and renamed the jsii types (`cdktn.TerraformStack`), which is
 * all cdktf-wif reads to tell the engines apart. This stand-in is a cdktf stack carrying cdktn's
 * jsii type; the real cdktn is exercised by `.ci/cdktn-e2e` against the packed package.
 */
export class CdktnStack extends cdktf.TerraformStack {}
Object.defineProperty(CdktnStack, Symbol.for("jsii.rtti"), { value: { fqn: "cdktn.TerraformStack", version: "0.24.0" } });

/** A `cdktn` module stand-in: cdktf's API with the cdktn stack class. */
export const cdktnLike: Record<string, unknown> = { ...cdktf, TerraformStack: CdktnStack };

/**
 * A `@cdktn/provider-*` resource module stand-in: each exported class of the `@cdktf` module
 * subclassed and labelled with cdktn's jsii type, as real `@cdktn` bindings are (they extend
 * `cdktn.TerraformResource`).
 */
export function asCdktnBinding<T extends object>(mod: T): T {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(mod)) {
    if (typeof value !== "function") {
      out[name] = value;
      continue;
    }
    const relabelled = class extends (value as new (...args: never[]) => object) {};
    Object.defineProperty(relabelled, "name", { value: name });
    Object.defineProperty(relabelled, Symbol.for("jsii.rtti"), { value: { fqn: "cdktn.TerraformResource", version: "0.24.0" } });
    out[name] = relabelled;
  }
  return out as T;
}
