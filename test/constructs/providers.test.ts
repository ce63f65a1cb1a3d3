import { Testing } from "cdktf";
import { EngineName } from "../../src/constructs/engine";
import { loadProviderModule, Provider, PROVIDER_PACKAGES } from "../../src/constructs/providers";
import { cdktnLike, CdktnStack } from "./fake-cdktn";

const notFound = (spec: string, stack = "/app/node_modules/cdktf-wif/lib/constructs/providers.js") =>
  Object.assign(new Error(`Cannot find module '${spec}'\nRequire stack:\n- ${stack}`), { code: "MODULE_NOT_FOUND" });

/** A loader over the installed packages `installed` (resource modules answer with their path), recording every request. */
function installed(...packages: string[]): { load: (path: string) => unknown; asked: string[] } {
  const asked: string[] = [];
  const load = (path: string) => {
    asked.push(path);
    if (packages.some((p) => path.startsWith(`${p}/lib/`))) return { loadedFrom: path };
    throw notFound(path);
  };
  return { load, asked };
}

const engine = (name: EngineName) => ({ name });

describe("loadProviderModule: the engine's bindings first", () => {
  test.each<[EngineName, Provider, string[], string]>([
    ["cdktf", "aws", ["@cdktf/provider-aws", "@cdktn/provider-aws"], "@cdktf/provider-aws/lib/iam-role"],
    ["cdktn", "aws", ["@cdktf/provider-aws", "@cdktn/provider-aws"], "@cdktn/provider-aws/lib/iam-role"],
    ["cdktn", "aws", ["@cdktf/provider-aws"], "@cdktf/provider-aws/lib/iam-role"], // half-way through a migration
    ["cdktf", "azurerm", ["@cdktf/provider-azurerm", "@cdktn/provider-azurerm"], "@cdktf/provider-azurerm/lib/iam-role"],
    ["cdktn", "azurerm", ["@cdktf/provider-azurerm", "@cdktn/provider-azurerm"], "@cdktn/provider-azurerm/lib/iam-role"],
    ["cdktn", "google", ["@cdktf/provider-google"], "@cdktf/provider-google/lib/iam-role"],
    ["cdktn", "azuread", ["@cdktf/provider-azuread"], "@cdktf/provider-azuread/lib/iam-role"],
  ])("%s stack, %s bindings, installed %j -> %s", (name, provider, packages, expected) => {
    const { load } = installed(...packages);
    expect(loadProviderModule(engine(name), provider, "iam-role", "Test", load)).toEqual({ loadedFrom: expected });
  });

  test("a cdktf stack never falls back to @cdktn bindings", () => {
    const { load, asked } = installed("@cdktn/provider-aws");
    expect(() => loadProviderModule(engine("cdktf"), "aws", "iam-role", "Test", load)).toThrow(
      "Test: needs the peer dependency @cdktf/provider-aws (module @cdktf/provider-aws/lib/iam-role was not found). Install it: npm install @cdktf/provider-aws.",
    );
    expect(asked).toEqual(["@cdktf/provider-aws/lib/iam-role"]);
  });

  test.each<[EngineName, Provider, string]>([
    ["cdktn", "aws", "Test: needs the peer dependency @cdktn/provider-aws (module @cdktn/provider-aws/lib/iam-role was not found, nor @cdktf/provider-aws/lib/iam-role; your stack is built with cdktn). Install it: npm install @cdktn/provider-aws."],
    ["cdktn", "azurerm", "Test: needs the peer dependency @cdktn/provider-azurerm (module @cdktn/provider-azurerm/lib/iam-role was not found, nor @cdktf/provider-azurerm/lib/iam-role; your stack is built with cdktn). Install it: npm install @cdktn/provider-azurerm."],
    [
      "cdktn",
      "google",
      "Test: needs the peer dependency @cdktf/provider-google (module @cdktf/provider-google/lib/iam-role was not found; your stack is built with cdktn, and CDK Terrain publishes no google bindings: the @cdktf ones run in a cdktn stack and bring cdktf with them). Install it: npm install @cdktf/provider-google.",
    ],
    ["cdktf", "azuread", "Test: needs the peer dependency @cdktf/provider-azuread (module @cdktf/provider-azuread/lib/iam-role was not found). Install it: npm install @cdktf/provider-azuread."],
  ])("nothing installed, %s stack, %s: one message naming the package for that engine", (name, provider, message) => {
    const { load } = installed();
    expect(() => loadProviderModule(engine(name), provider, "iam-role", "Test", load)).toThrow(message);
  });

  test("@cdktf bindings present without cdktf: says to install cdktf", () => {
    const load = () => {
      throw notFound("cdktf", "/app/node_modules/@cdktf/provider-google/lib/iam-workload-identity-pool/index.js");
    };
    expect(() => loadProviderModule(engine("cdktn"), "google", "iam-workload-identity-pool", "Test", load)).toThrow(
      "Test: @cdktf/provider-google is installed but cannot load cdktf, which it runs on (also in a cdktn stack). Install it: npm install cdktf@^0.21.0.",
    );
  });

  test("any other failure of a binding propagates unchanged", () => {
    const load = () => {
      throw new TypeError("boom");
    };
    expect(() => loadProviderModule(engine("cdktn"), "aws", "iam-role", "Test", load)).toThrow(new TypeError("boom"));
  });

  test("the table names @cdktn bindings only where CDK Terrain publishes them", () => {
    expect(PROVIDER_PACKAGES.cdktn).toEqual({
      aws: ["@cdktn/provider-aws", "@cdktf/provider-aws"],
      google: ["@cdktf/provider-google"],
      azurerm: ["@cdktn/provider-azurerm", "@cdktf/provider-azurerm"],
      azuread: ["@cdktf/provider-azuread"],
    });
    expect(Object.values(PROVIDER_PACKAGES.cdktf).flat().every((p) => p.startsWith("@cdktf/"))).toBe(true);
  });
});

describe("constructs in a cdktn stack take cdktn and the @cdktn bindings", () => {
  test("AwsWorkloadIdentityRole requires cdktn and @cdktn/provider-aws resource modules, never cdktf's AWS bindings", () => {
    const required: string[] = [];
    jest.isolateModules(() => {
      jest.doMock("cdktn", () => (required.push("cdktn"), cdktnLike), { virtual: true });
      for (const m of ["iam-role", "iam-openid-connect-provider", "iam-role-policy-attachment"]) {
        jest.doMock(`@cdktn/provider-aws/lib/${m}`, () => (required.push(`@cdktn/provider-aws/lib/${m}`), jest.requireActual(`@cdktf/provider-aws/lib/${m}`)), { virtual: true });
        jest.doMock(`@cdktf/provider-aws/lib/${m}`, () => (required.push(`@cdktf/provider-aws/lib/${m}`), jest.requireActual(`@cdktf/provider-aws/lib/${m}`)));
      }
      const { AwsWorkloadIdentityRole } = require("../../src/constructs/aws") as typeof import("../../src/constructs/aws");
      const { Trust: IsolatedTrust } = require("../../src/trust") as typeof import("../../src/trust");
      const stack = new CdktnStack(Testing.app(), "s");
      const role = new AwsWorkloadIdentityRole(stack, "deploy", {
        trust: IsolatedTrust.githubActions({ repository: "octo-org/app", environment: "production" }),
        managedPolicyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
      });
      expect(role.node.children.map((c) => c.constructor.name).sort()).toEqual(
        ["AwsOidcProvider", "IamRole", "IamRolePolicyAttachment", "TerraformOutput"].sort(),
      );
    });
    expect(required.sort()).toEqual(
      ["cdktn", "@cdktn/provider-aws/lib/iam-openid-connect-provider", "@cdktn/provider-aws/lib/iam-role", "@cdktn/provider-aws/lib/iam-role-policy-attachment"].sort(),
    );
  });

  test("an AWS role in a cdktn stack synthesizes the same Terraform as in a cdktf stack", () => {
    const synth = (makeStack: () => import("cdktf").TerraformStack) => {
      let json = "";
      jest.isolateModules(() => {
        jest.doMock("cdktn", () => cdktnLike, { virtual: true });
        for (const m of ["iam-role", "iam-openid-connect-provider"]) {
          jest.doMock(`@cdktn/provider-aws/lib/${m}`, () => jest.requireActual(`@cdktf/provider-aws/lib/${m}`), { virtual: true });
        }
        const { AwsWorkloadIdentityRole } = require("../../src/constructs/aws") as typeof import("../../src/constructs/aws");
        const { Trust } = require("../../src/trust") as typeof import("../../src/trust");
        const stack = makeStack();
        new AwsWorkloadIdentityRole(stack, "deploy", { trust: Trust.githubActions({ repository: "octo-org/app", environment: "production" }) });
        json = Testing.synth(stack);
      });
      return json;
    };
    const { TerraformStack } = jest.requireActual<typeof import("cdktf")>("cdktf");
    expect(synth(() => new CdktnStack(Testing.app(), "s"))).toEqual(synth(() => new TerraformStack(Testing.app(), "s")));
  });
});
