import * as cdktf from "cdktf";
import { App, TerraformStack, Testing } from "cdktf";
import { Construct } from "constructs";
import { engineOf, isMissing, isStack } from "../../src/constructs/engine";
import { WifValidationError } from "../../src/trust/errors";
import { cdktnLike, CdktnStack } from "./fake-cdktn";

const RTTI = Symbol.for("jsii.rtti");

/** A loader that records what it was asked for and answers from `modules` (else "Cannot find module"). */
function loader(modules: Record<string, unknown>): { load: (name: string) => unknown; asked: string[] } {
  const asked: string[] = [];
  const load = (name: string) => {
    asked.push(name);
    if (name in modules) return modules[name];
    throw Object.assign(new Error(`Cannot find module '${name}'\nRequire stack:\n- /x/node_modules/cdktf-wif/lib/constructs/engine.js`), {
      code: "MODULE_NOT_FOUND",
    });
  };
  return { load, asked };
}

class MyStack extends TerraformStack {}
/** A stack class a jsii library compiled: its own fqn, the engine's further up. */
class LibraryStack extends TerraformStack {}
Object.defineProperty(LibraryStack, RTTI, { value: { fqn: "acme-platform.LibraryStack", version: "1.2.3" } });
/** A stack of some other engine (a fork) that kept the stack symbol but not the package name. */
class ForeignStack extends Construct {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    Object.defineProperty(this, Symbol.for("cdktf/TerraformStack"), { value: true });
  }
}
Object.defineProperty(ForeignStack, RTTI, { value: { fqn: "othertf.TerraformStack", version: "9.9.9" } });

describe("engineOf: the engine is read from the scope's stack", () => {
  test.each([
    ["a cdktf TerraformStack", (app: App) => new TerraformStack(app, "s"), "cdktf", "0.21.0"],
    ["a user's subclass of it", (app: App) => new MyStack(app, "s"), "cdktf", "0.21.0"],
    ["a jsii library's stack class (own fqn first)", (app: App) => new LibraryStack(app, "s"), "cdktf", "0.21.0"],
    ["a construct three levels inside a stack", (app: App) => new Construct(new Construct(new TerraformStack(app, "s"), "a"), "b"), "cdktf", "0.21.0"],
    ["a cdktn stack", (app: App) => new CdktnStack(app, "s"), "cdktn", "0.24.0"],
    ["a construct inside a cdktn stack", (app: App) => new Construct(new CdktnStack(app, "s"), "a"), "cdktn", "0.24.0"],
  ])("%s -> its engine, loaded by that name only", (_what, make, name, version) => {
    const { load, asked } = loader({ cdktf, cdktn: cdktnLike });
    const engine = engineOf(make(Testing.app()), "Test", load);
    expect({ name: engine.name, version: engine.version }).toEqual({ name, version });
    expect(engine.api).toBe(name === "cdktf" ? cdktf : cdktnLike);
    expect(asked).toEqual([name]);
  });

  test("a cdktf stack never loads cdktn, and a cdktn stack never loads cdktf", () => {
    const onlyCdktn = loader({ cdktn: cdktnLike });
    expect(engineOf(new CdktnStack(Testing.app(), "s"), "Test", onlyCdktn.load).name).toBe("cdktn");
    expect(onlyCdktn.asked).toEqual(["cdktn"]);
    const onlyCdktf = loader({ cdktf });
    expect(engineOf(new TerraformStack(Testing.app(), "s"), "Test", onlyCdktf.load).name).toBe("cdktf");
    expect(onlyCdktf.asked).toEqual(["cdktf"]);
  });

  test.each([
    [
      "a scope in no stack",
      () => new Construct(new Construct(undefined as unknown as Construct, "root"), "deploy"),
      { cdktf },
      `Test: "root/deploy" is not inside a TerraformStack. Define it in a stack: new TerraformStack(app, "name") from cdktn (CDK Terrain) or cdktf.`,
    ],
    [
      "the App itself",
      () => Testing.app(),
      { cdktf },
      `Test: "(root)" is not inside a TerraformStack. Define it in a stack: new TerraformStack(app, "name") from cdktn (CDK Terrain) or cdktf.`,
    ],
    [
      "not a construct",
      () => "stack" as unknown as Construct,
      { cdktf },
      `Test: expected a construct scope (a TerraformStack or a construct inside one), got "stack".`,
    ],
    [
      "a stack of another engine",
      () => new ForeignStack(Testing.app(), "s"),
      { cdktf },
      `Test: the stack "s" is not a TerraformStack of cdktn or cdktf (its jsii types: "othertf.TerraformStack", "constructs.Construct"). cdktf-wif runs on cdktn ^0.24.0 and cdktf ^0.21.0.`,
    ],
    [
      "a cdktn stack without cdktn installed",
      () => new CdktnStack(Testing.app(), "s"),
      { cdktf },
      `Test: the stack is built with cdktn, but cdktf-wif cannot load "cdktn" (module not found). Install it next to cdktf-wif: npm install cdktn@^0.24.0.`,
    ],
    [
      'a cdktn stack, but require("cdktn") gives cdktf (an npm alias)',
      () => new CdktnStack(Testing.app(), "s"),
      { cdktn: cdktf },
      `Test: the stack "s" is a cdktn.TerraformStack (cdktn 0.24.0), but require("cdktn") loaded "cdktf.TerraformStack". Install one cdktn (npm ls cdktn; npm dedupe) so cdktf-wif and your stacks use the same engine.`,
    ],
  ])("%s is refused with what to do", (_what, make, modules, message) => {
    const { load } = loader(modules);
    let err: unknown;
    try {
      engineOf(make(), "Test", load);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(WifValidationError);
    expect((err as Error).message).toBe(message);
  });

  test("an engine that fails for another reason than being absent is not reported as missing", () => {
    const broken = () => {
      throw Object.assign(new Error("Cannot find module 'fflate'\nRequire stack:\n- /x/node_modules/cdktn/lib/index.js"), { code: "MODULE_NOT_FOUND" });
    };
    expect(() => engineOf(new CdktnStack(Testing.app(), "s"), "Test", broken)).toThrow(/^Cannot find module 'fflate'/);
  });
});

describe("isStack and isMissing", () => {
  test.each([
    ["a cdktf stack", new TerraformStack(Testing.app(), "s"), true],
    ["a cdktn stack", new CdktnStack(Testing.app(), "s"), true],
    ["an App", Testing.app(), false],
    ["null", null, false],
    ["a string", "s", false],
  ])("isStack(%s) is %s", (_what, value, expected) => {
    expect(isStack(value)).toBe(expected);
  });

  test.each([
    ["Cannot find module 'cdktn'\nRequire stack:\n- a.js", "cdktn", true],
    ["Cannot find module '@cdktn/provider-aws/lib/iam-role'\nRequire stack:\n- a.js", "@cdktn/provider-aws", true],
    // A package that is present but misses something it requires (its require stack names the package).
    ["Cannot find module 'cdktf'\nRequire stack:\n- /n/@cdktf/provider-google/lib/iam-workload-identity-pool/index.js", "@cdktf/provider-google", false],
    ["Cannot find module 'cdktn-cli'", "cdktn", false],
    ["Cannot find module '@cdktn/provider-awsx/lib/a'", "@cdktn/provider-aws", false],
  ])("isMissing(%j, %s) is %s", (message, pkg, expected) => {
    expect(isMissing(Object.assign(new Error(message), { code: "MODULE_NOT_FOUND" }), pkg)).toBe(expected);
  });

  test("an error without MODULE_NOT_FOUND is never a missing package", () => {
    expect(isMissing(new Error("Cannot find module 'cdktn'"), "cdktn")).toBe(false);
  });
});
