import type * as cdktf from "cdktf";
import type { IConstruct } from "constructs";
import { WifValidationError, quote } from "../trust/errors";

/**
 * The one module that knows which CDK engine a construct runs on: CDK for Terraform (`cdktf` 0.21,
 * archived by HashiCorp on 2025-12-10) or its continuation CDK Terrain (`cdktn` 0.24). Both are
 * optional peer dependencies; every construct and the `TrustChecks` Aspect take the engine classes
 * they use (`TerraformOutput`, `Annotations`, `Aspects`, `Token`, `Fn`, `TerraformStack`) from here,
 * so nothing loads `cdktf` for a user who only has `cdktn`, and `require("cdktf-wif")` loads neither.
 * See docs/engines.md for why the engine is read from the scope's stack and not from what is installed.
 */

/** The engines cdktf-wif runs on. */
export const ENGINE_NAMES = ["cdktf", "cdktn"] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];

/** The engine API the constructs use. `cdktn` keeps `cdktf`'s API unchanged; the type is read from `cdktf`'s declarations (type only, erased at run time). */
export type EngineApi = Pick<
  typeof cdktf,
  "Annotations" | "Aspects" | "DefaultTokenResolver" | "Fn" | "StringConcat" | "TerraformOutput" | "TerraformStack" | "Token" | "Tokenization"
>;

/** The engine a scope is built with. */
export interface Engine {
  readonly name: EngineName;
  /** The version jsii recorded on the stack's engine class, e.g. `0.24.0`. */
  readonly version: string;
  readonly api: EngineApi;
}

/** The peer dependency range of each engine, for messages. */
export const ENGINE_RANGES: Readonly<Record<EngineName, string>> = { cdktf: "^0.21.0", cdktn: "^0.24.0" };

/** Both engines mark stacks with this symbol (cdktn kept cdktf's), so it finds a stack of either without loading one. */
const STACK_SYMBOL = Symbol.for("cdktf/TerraformStack");
/** jsii records `{ fqn, version }` on every class it compiles: `cdktn.TerraformStack` vs `cdktf.TerraformStack` tells the engines apart. */
const JSII_RTTI = Symbol.for("jsii.rtti");
const ENGINE_FQN = /^(cdktf|cdktn)\.[A-Za-z0-9_.]+$/;

type Loader = (name: EngineName) => unknown;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const nodeRequire: Loader = (name) => require(name);

/**
 * The engine `scope` is built with, read from the jsii type of its nearest `TerraformStack`, and
 * that engine's module, loaded on first use. Throws a `WifValidationError` (field `user`) when the
 * scope is in no stack, its stack is of neither engine, the engine is not installed, or the loaded
 * engine does not recognise the stack as its own.
 *
 * @example
 * const { TerraformOutput } = engineOf(this, "AwsWorkloadIdentityRole").api;
 */
export function engineOf(scope: IConstruct, user: string, load: Loader = nodeRequire): Engine {
  const stack = stackOf(scope, user);
  // A stack's class, hence its engine, never changes: checked once per stack (with the real require).
  const known = load === nodeRequire ? checkedStacks.get(stack) : undefined;
  if (known !== undefined) return known;
  const { name, version, fqn } = stackEngine(stack, user);
  const api = loadEngine(name, user, load);
  // The scope belongs to this engine: the module we loaded recognises the stack and is the engine its type names.
  const loadedFqn = rttiOf(api.TerraformStack)?.fqn;
  if (!api.TerraformStack.isStack(stack) || loadedFqn !== `${name}.TerraformStack`) {
    throw new WifValidationError(
      user,
      `the stack ${quote(stack.node.path)} is a ${fqn} (${name} ${version}), but require(${quote(name)}) loaded ${quote(loadedFqn ?? "a module without a TerraformStack")}. ` +
        `Install one ${name} (npm ls ${name}; npm dedupe) so cdktf-wif and your stacks use the same engine.`,
    );
  }
  tokenApi ??= api.Token;
  const engine = { name, version, api };
  if (load === nodeRequire) checkedStacks.set(stack, engine);
  return engine;
}

/** The engine of each stack `engineOf` has checked with the real `require` (stacks are never re-classed). */
const checkedStacks = new WeakMap<object, Engine>();

/** The nearest enclosing stack of `scope` (the scope itself included), found by the symbol both engines set. */
function stackOf(scope: IConstruct, user: string): IConstruct & cdktf.TerraformStack {
  if (scope === null || typeof scope !== "object" || typeof (scope as { node?: unknown }).node !== "object") {
    throw new WifValidationError(user, `expected a construct scope (a TerraformStack or a construct inside one), got ${quote(scope)}.`);
  }
  const stack = [...scope.node.scopes].reverse().find(isStack);
  if (stack === undefined) {
    throw new WifValidationError(
      user,
      `${quote(scope.node.path || "(root)")} is not inside a TerraformStack. Define it in a stack: new TerraformStack(app, "name") from cdktn (CDK Terrain) or cdktf.`,
    );
  }
  return stack;
}

/** A `TerraformStack` of either engine, recognised by the symbol both set, without loading an engine. */
export function isStack(c: unknown): c is IConstruct & cdktf.TerraformStack {
  return c !== null && typeof c === "object" && STACK_SYMBOL in c;
}

/** The engine the stack's class comes from: the first jsii type of `cdktf.` or `cdktn.` up its class chain (a user's own stack class inherits it). */
function stackEngine(stack: object, user: string): { name: EngineName; version: string; fqn: string } {
  const found = classEngine(stack.constructor);
  if ("name" in found) return found;
  throw new WifValidationError(
    user,
    `the stack ${quote((stack as IConstruct).node.path)} is not a TerraformStack of cdktn or cdktf ` +
      `(its jsii types: ${found.seen.length > 0 ? found.seen.map((s) => quote(s)).join(", ") : "none"}). cdktf-wif runs on cdktn ${ENGINE_RANGES.cdktn} and cdktf ${ENGINE_RANGES.cdktf}.`,
  );
}

/**
 * The engine a class is built on, from the jsii types up its class chain (`cdktn.TerraformResource`,
 * `cdktf.TerraformStack`, ...); else the jsii types seen. Works for stacks and for provider bindings.
 */
export function classEngine(ctor: unknown): { name: EngineName; version: string; fqn: string } | { seen: string[] } {
  const seen: string[] = [];
  for (let c: unknown = ctor; typeof c === "function"; c = Object.getPrototypeOf(c)) {
    const rtti = rttiOf(c);
    if (rtti === undefined) continue;
    const m = ENGINE_FQN.exec(rtti.fqn);
    if (m) return { name: m[1] as EngineName, version: rtti.version, fqn: rtti.fqn };
    seen.push(rtti.fqn);
  }
  return { seen };
}

function rttiOf(x: unknown): { fqn: string; version: string } | undefined {
  const rtti = (x as Record<symbol, unknown> | undefined)?.[JSII_RTTI] as { fqn?: unknown; version?: unknown } | undefined;
  return typeof rtti?.fqn === "string" ? { fqn: rtti.fqn, version: typeof rtti.version === "string" ? rtti.version : "unknown version" } : undefined;
}

function loadEngine(name: EngineName, user: string, load: Loader): EngineApi {
  try {
    return load(name) as EngineApi;
  } catch (err) {
    if (isMissing(err, name)) {
      throw new WifValidationError(
        user,
        `the stack is built with ${name}, but cdktf-wif cannot load ${quote(name)} (module not found). Install it next to cdktf-wif: npm install ${name}@${ENGINE_RANGES[name]}.`,
      );
    }
    throw err;
  }
}

/** True when `err` says the module `pkg` itself (not something it requires) was not found. */
export function isMissing(err: unknown, pkg: string): boolean {
  const { code, message } = err as { code?: unknown; message?: unknown };
  return code === "MODULE_NOT_FOUND" && typeof message === "string" && new RegExp(`^Cannot find module '${escapeRegExp(pkg)}(/[^']*)?'`).test(message);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

let tokenApi: EngineApi["Token"] | undefined;

/**
 * `Token.isUnresolved` of the engine in use. Both engines encode tokens the same way and share one
 * process-wide token map (`globalThis.__cdktfTokenMap`), so the answer does not depend on which engine
 * answers: the one a construct resolved with `engineOf` (constructs call it first), else the
 * first installed of cdktn and cdktf.
 *
 * @example
 * if (typeof name === "string" && isUnresolved(name)) return name; // a token: checked by Terraform, not here
 */
export function isUnresolved(value: unknown): boolean {
  tokenApi ??= firstInstalled().Token;
  return tokenApi.isUnresolved(value);
}

function firstInstalled(load: Loader = nodeRequire): EngineApi {
  for (const name of ENGINE_NAMES.slice().reverse()) {
    try {
      return load(name) as EngineApi;
    } catch (err) {
      if (!isMissing(err, name)) throw err;
    }
  }
  throw new WifValidationError("cdktf-wif", `needs a CDK engine: npm install cdktn@${ENGINE_RANGES.cdktn} (CDK Terrain) or cdktf@${ENGINE_RANGES.cdktf}.`);
}
