import { Testing } from "cdktf";
import { EngineName } from "../../src/constructs/engine";
import { loadProviderModule, Provider, PROVIDER_PACKAGES } from "../../src/constructs/providers";
import { asCdktnBinding, cdktnLike, CdktnStack } from "./fake-cdktn";

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

describe("loadProviderModule: the bindings built for the stack's engine", () => {
  test.each<[EngineName, Provider, string]>([
    ["cdktf", "aws", "@cdktf/provider-aws/lib/iam-role"],
    ["cdktn", "aws", "@cdktn/provider-aws/lib/iam-role"],
    ["cdktf", "azurerm", "@cdktf/provider-azurerm/lib/iam-role"],
    ["cdktn", "azurerm", "@cdktn/provider-azurerm/lib/iam-role"],
    ["cdktf", "google", "@cdktf/provider-google/lib/iam-role"],
    ["cdktf", "azuread", "@cdktf/provider-azuread/lib/iam-role"],
  ])("%s stack, %s bindings -> %s, whatever else is installed", (name, provider, expected) => {
    const { load, asked } = installed(
      "@cdktf/provider-aws",
      "@cdktn/provider-aws",
      "@cdktf/provider-azurerm",
      "@cdktn/provider-azurerm",
      "@cdktf/provider-google",
      "@cdktf/provider-azuread",
    );
    expect(loadProviderModule(engine(name), provider, "iam-role", "Test", load)).toEqual({ loadedFrom: expected });
    expect(asked).toEqual([expected]);
  });

  test.each<[EngineName, Provider, string]>([
    [
      "cdktn",
      "aws",
      "Test: needs the peer dependency @cdktn/provider-aws (module @cdktn/provider-aws/lib/iam-role was not found; your stack is built with cdktn). Install it: npm install @cdktn/provider-aws.",
    ],
    [
      "cdktn",
      "azurerm",
      "Test: needs the peer dependency @cdktn/provider-azurerm (module @cdktn/provider-azurerm/lib/iam-role was not found; your stack is built with cdktn). Install it: npm install @cdktn/provider-azurerm.",
    ],
    [
      "cdktn",
      "google",
      "Test: needs google provider bindings built for cdktn, and CDK Terrain publishes none yet (@cdktn/provider-google was not found). @cdktf/provider-google cannot stand in: its resources are cdktf 0.21 elements, which a cdktn 0.24 stack fails to synthesize. Build the stack holding this construct with cdktf (npm install cdktf@^0.21.0 @cdktf/provider-google), or install @cdktn/provider-google once it is published.",
    ],
    [
      "cdktn",
      "azuread",
      "Test: needs azuread provider bindings built for cdktn, and CDK Terrain publishes none yet (@cdktn/provider-azuread was not found). @cdktf/provider-azuread cannot stand in: its resources are cdktf 0.21 elements, which a cdktn 0.24 stack fails to synthesize. Build the stack holding this construct with cdktf (npm install cdktf@^0.21.0 @cdktf/provider-azuread), or install @cdktn/provider-azuread once it is published.",
    ],
    [
      "cdktf",
      "aws",
      "Test: needs the peer dependency @cdktf/provider-aws (module @cdktf/provider-aws/lib/iam-role was not found). Install it: npm install @cdktf/provider-aws.",
    ],
    [
      "cdktf",
      "azuread",
      "Test: needs the peer dependency @cdktf/provider-azuread (module @cdktf/provider-azuread/lib/iam-role was not found). Install it: npm install @cdktf/provider-azuread.",
    ],
  ])("%s stack, %s bindings not installed: one message naming the package for that engine", (name, provider, message) => {
    // The other engine's bindings being installed changes nothing: they would not synthesize.
    const { load } = installed(...Object.values(PROVIDER_PACKAGES[name === "cdktn" ? "cdktf" : "cdktn"]));
    expect(() => loadProviderModule(engine(name), provider, "iam-role", "Test", load)).toThrow(message);
  });

  test("a binding whose classes are built for the other engine (an npm alias) is refused", () => {
    const load = () => jest.requireActual("@cdktf/provider-aws/lib/iam-role");
    expect(() => loadProviderModule(engine("cdktn"), "aws", "iam-role", "Test", load)).toThrow(
      "Test: @cdktn/provider-aws/lib/iam-role is built for cdktf (its classes extend cdktf.ComplexObject), but the stack is built with cdktn, and the engines' elements do not mix. " +
        "Install the bindings built for cdktn: npm install @cdktn/provider-aws (npm ls @cdktn/provider-aws shows what is installed under that name).",
    );
    expect(
      loadProviderModule(engine("cdktn"), "aws", "iam-role", "Test", () => asCdktnBinding(jest.requireActual("@cdktf/provider-aws/lib/iam-role"))),
    ).toHaveProperty("IamRole");
  });

  test("a binding that fails for another reason propagates unchanged", () => {
    const load = () => {
      throw notFound("cdktf", "/app/node_modules/@cdktf/provider-google/lib/iam-workload-identity-pool/index.js");
    };
    expect(() => loadProviderModule(engine("cdktf"), "google", "iam-workload-identity-pool", "Test", load)).toThrow(/^Cannot find module 'cdktf'/);
    expect(() =>
      loadProviderModule(engine("cdktn"), "aws", "iam-role", "Test", () => {
        throw new TypeError("boom");
      }),
    ).toThrow(new TypeError("boom"));
  });

  test("the table names each engine's own bindings", () => {
    for (const name of ["cdktf", "cdktn"] as const) {
      expect(Object.entries(PROVIDER_PACKAGES[name])).toEqual((["aws", "google", "azurerm", "azuread"] as const).map((p) => [p, `@${name}/provider-${p}`]));
    }
  });
});

describe("constructs in a cdktn stack take cdktn and the @cdktn bindings", () => {
  test("AwsWorkloadIdentityRole requires cdktn and @cdktn/provider-aws resource modules, never cdktf's AWS bindings", () => {
    const required: string[] = [];
    jest.isolateModules(() => {
      jest.doMock("cdktn", () => (required.push("cdktn"), cdktnLike), { virtual: true });
      for (const m of ["iam-role", "iam-openid-connect-provider", "iam-role-policy-attachment"]) {
        jest.doMock(
          `@cdktn/provider-aws/lib/${m}`,
          () => (required.push(`@cdktn/provider-aws/lib/${m}`), asCdktnBinding(jest.requireActual(`@cdktf/provider-aws/lib/${m}`))),
          { virtual: true },
        );
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
      [
        "cdktn",
        "@cdktn/provider-aws/lib/iam-openid-connect-provider",
        "@cdktn/provider-aws/lib/iam-role",
        "@cdktn/provider-aws/lib/iam-role-policy-attachment",
      ].sort(),
    );
  });

  test("an AWS role in a cdktn stack synthesizes the same Terraform as in a cdktf stack", () => {
    const synth = (makeStack: () => import("cdktf").TerraformStack) => {
      let json = "";
      jest.isolateModules(() => {
        jest.doMock("cdktn", () => cdktnLike, { virtual: true });
        for (const m of ["iam-role", "iam-openid-connect-provider"]) {
          jest.doMock(`@cdktn/provider-aws/lib/${m}`, () => asCdktnBinding(jest.requireActual(`@cdktf/provider-aws/lib/${m}`)), { virtual: true });
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
