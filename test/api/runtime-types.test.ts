import { Construct } from "constructs";
import {
  AwsOidcProvider,
  AwsWorkloadIdentityRole,
  AzureAppFederatedCredential,
  AzureFederatedIdentity,
  Claim,
  compileAwsTrustPolicy,
  FederatedWorkload,
  GcpWorkloadIdentity,
  Issuer,
  Subject,
  Trust,
  TrustChecks,
  WifValidationError,
  gateTrust,
  lintTrust,
} from "../../src";
import { quote } from "../../src/trust/errors";
import { base64UrlGuid } from "../../src/trust/presets/azure-devops";
import { allProvidersStack } from "../constructs/all-providers-stack";
import { InputKind, InputProp, PublicInput, publicInputs } from "./public-inputs";

/*
 * JavaScript callers get no type checking: `immutableSubject: "false"` is a string, `maxSessionDuration: "3600"`
 * is not a number. Every prop of every public input (read from the declarations, see public-inputs.ts)
 * is fed values of the wrong runtime type, and each must be refused with a WifValidationError that
 * names the prop (and the construct path, for constructs), quotes the value and says what is expected.
 */

type Props = Record<string, unknown>;

interface Row {
  /** Calls the entry point with these props. */
  readonly call: (props: Props) => unknown;
  /** Props that pass. */
  readonly valid: Props;
  /**
   * Valid props holding `prop`, for a prop that excludes some of `valid` (one context of several, one
   * form of two): wrong values of the prop are tested in these.
   */
  readonly validFor?: Readonly<Record<string, Props>>;
  /** The field errors name: `${field}.${prop}`, or what `fieldOf` says (an element's errors may add `[i]`). */
  readonly field: string;
  readonly fieldOf?: (prop: string) => string;
  /** The entry point is a construct: errors carry its path. */
  readonly construct?: boolean;
  /** The props are parameters, not an options object: there are no unknown names to refuse. */
  readonly parameters?: boolean;
  /** Wrong-looking values the prop accepts on purpose (e.g. `outputs: false`). */
  readonly accepts?: Readonly<Record<string, readonly unknown[]>>;
}

const GH = "https://token.actions.githubusercontent.com";
const UUID = ["0b6e1c3a-2f4d-4a5b-8c9d-0e1f2a3b4c5d", "1c7f2d4b-3e5a-4b6c-9d0e-1f2a3b4c5d6e", "2d8a3e5c-4f6b-4c7d-8e1f-2a3b4c5d6e7f"];
const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const ENTRA_SUBJECT = `/eid1/c/pub/t/${base64UrlGuid(TENANT)}/a/AbCdEfGhIjKlMnOpQrStUv/sc/${UUID[0]}/${UUID[1]}`;
const TRUST = Trust.githubActions({ repository: "octo/app", environment: "prod", repositoryOwnerId: "1", repositoryId: "2", immutableSubject: true });
const GCP = { project: "acme-prod", projectNumber: "123456789012", poolId: "ci-pool" };
const IDENTITY_ID = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-ci/providers/Microsoft.ManagedIdentity/userAssignedIdentities/ci";
const APPLICATION_ID = `/applications/${UUID[2]}`;

// One stack for every construct row: nothing is synthesized, each construct gets a fresh id.
const STACK = allProvidersStack();
let ids = 0;
const nextId = (): string => `c${++ids}`;

/** A construct's props are named `Construct.prop`; `acknowledge` is checked by the trust gate, scoped to the construct. */
const constructField =
  (name: string) =>
  (prop: string): string =>
    prop === "acknowledge" ? "acknowledge" : `${name}.${prop}`;

const preset =
  (build: (options: never) => Trust) =>
  (props: Props): unknown =>
    build(props as never);

const ROWS: Readonly<Record<string, Row>> = {
  GitHubActionsTrustOptions: {
    call: preset(Trust.githubActions),
    field: "githubActions",
    valid: { repository: "octo/app", environment: "prod" },
    validFor: {
      ref: { repository: "octo/app", ref: "refs/heads/main" },
      branch: { repository: "octo/app", branch: "main" },
      tag: { repository: "octo/app", tag: "v1" },
      pullRequest: { repository: "octo/app", pullRequest: true },
      anyRef: { repository: "octo/app", anyRef: true },
      immutableSubject: { repository: "octo/app", environment: "prod", repositoryOwnerId: "1", repositoryId: "2", immutableSubject: true },
    },
  },
  GitLabTrustOptions: {
    call: preset(Trust.gitlab),
    field: "gitlab",
    valid: { projectPath: "group/app", refType: "branch", ref: "main" },
    validFor: { anyRef: { projectPath: "group/app", anyRef: true } },
  },
  KubernetesTrustOptions: {
    call: preset(Trust.kubernetes),
    field: "kubernetes",
    valid: { issuerUrl: "https://oidc.eks.eu-west-1.amazonaws.com/id/ABC", namespace: "ci", serviceAccount: "deployer" },
  },
  GkeTrustOptions: {
    call: preset(Trust.gke),
    field: "gke",
    valid: { project: "acme-prod", location: "europe-west1", cluster: "main", namespace: "ci", serviceAccount: "deployer" },
  },
  TerraformCloudTrustOptions: {
    call: preset(Trust.terraformCloud),
    field: "terraformCloud",
    valid: { organization: "acme", project: "infra", workspace: "prod", runPhase: "apply" },
  },
  BuildkiteTrustOptions: {
    call: preset(Trust.buildkite),
    field: "buildkite",
    valid: { organization: "acme-inc", pipeline: "deploy", branch: "main" },
    validFor: {
      tag: { organization: "acme-inc", pipeline: "deploy", tag: "v1" },
      ref: { organization: "acme-inc", pipeline: "deploy", ref: "refs/heads/main" },
      anyRef: { organization: "acme-inc", pipeline: "deploy", anyRef: true },
    },
  },
  CircleCiTrustOptions: {
    call: preset(Trust.circleci),
    field: "circleci",
    valid: { organizationId: UUID[0], projectId: UUID[1], userId: UUID[2] },
    validFor: { anyUser: { organizationId: UUID[0], projectId: UUID[1], anyUser: true } },
  },
  BitbucketTrustOptions: {
    call: preset(Trust.bitbucket),
    field: "bitbucket",
    valid: { workspace: "acme", workspaceUuid: UUID[0], repositoryUuid: UUID[1], environmentUuid: UUID[2] },
    validFor: { anyEnvironment: { workspace: "acme", workspaceUuid: UUID[0], repositoryUuid: UUID[1], anyEnvironment: true } },
  },
  AzureDevOpsTrustOptions: {
    call: preset(Trust.azureDevOps),
    field: "azureDevOps",
    valid: { organizationId: UUID[0], organization: "acme", project: "payments", serviceConnection: "azure-prod" },
    validFor: Object.fromEntries(["tenantId", "subjectIdentifier"].map((p) => [p, { tenantId: TENANT, subjectIdentifier: ENTRA_SUBJECT }])),
  },
  SpiffeTrustOptions: {
    call: preset(Trust.spiffe),
    field: "spiffe",
    valid: { issuerUrl: "https://oidc.spire.example.com", trustDomain: "prod.example.com", path: "ns/payments/sa/deployer" },
  },
  TrustProps: {
    call: (p) => new Trust(p as never),
    field: "Trust",
    valid: { issuer: Issuer.fromUrl("https://issuer.example.com"), subject: Subject.exactly("deployer") },
  },
  IssuerOptions: { call: (p) => Issuer.fromUrl("https://issuer.example.com", p as never), field: "Issuer.fromUrl", valid: {} },
  "Issuer.fromUrl": {
    call: (p) => Issuer.fromUrl(p.url as never),
    field: "Issuer.fromUrl",
    fieldOf: () => "Issuer.fromUrl",
    parameters: true,
    valid: { url: GH },
  },
  "Issuer.githubActions": { call: (p) => Issuer.githubActions(p as never), field: "githubActions", valid: {} },
  ...Object.fromEntries(
    (
      [
        ["Subject.exactly", (v: never) => Subject.exactly(v), "deployer"],
        ["Subject.like", (v: never) => Subject.like(v), "deploy*"],
        ["Subject.anyOf", (v: never) => Subject.anyOf(v), ["deployer"]],
        ["Claim.equals", (v: never) => Claim.equals(v), "1234"],
        ["Claim.like", (v: never) => Claim.like(v), "12*"],
        ["Claim.anyOf", (v: never) => Claim.anyOf(v), ["1234"]],
      ] as const
    ).map(([name, factory, value]): [string, Row] => {
      const param = name.endsWith("anyOf") ? "values" : name.endsWith("like") ? "pattern" : "value";
      return [name, { call: (p) => factory(p[param] as never), field: name, fieldOf: () => name, parameters: true, valid: { [param]: value } }];
    }),
  ),
  "AwsOidcProvider.fromArn": {
    call: (p) => AwsOidcProvider.fromArn(STACK, nextId(), p.arn as never),
    field: "AwsOidcProvider.fromArn",
    fieldOf: () => "AwsOidcProvider.fromArn",
    parameters: true,
    valid: { arn: "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" },
  },
  "AwsOidcProvider.fromIssuer": {
    call: (p) => AwsOidcProvider.fromIssuer(STACK, nextId(), p as never),
    field: "AwsOidcProvider.fromIssuer",
    valid: { issuerUrl: GH, accountId: "111122223333" },
  },
  AwsOidcProviderProps: {
    call: (p) => new AwsOidcProvider(STACK, nextId(), p as never),
    field: "AwsOidcProvider",
    construct: true,
    valid: { trust: TRUST },
  },
  AwsWorkloadIdentityRoleProps: {
    call: (p) => new AwsWorkloadIdentityRole(STACK, nextId(), p as never),
    field: "AwsWorkloadIdentityRole",
    fieldOf: constructField("AwsWorkloadIdentityRole"),
    construct: true,
    valid: { trust: TRUST },
    accepts: { outputs: [false] },
  },
  GcpWorkloadIdentityProps: {
    call: (p) => new GcpWorkloadIdentity(STACK, nextId(), p as never),
    field: "GcpWorkloadIdentity",
    construct: true,
    valid: { trust: TRUST, ...GCP },
    validFor: { existingPoolId: { trust: TRUST, project: "acme-prod", projectNumber: "123456789012", existingPoolId: "ci-pool" } },
    fieldOf: constructField("GcpWorkloadIdentity"),
    accepts: { outputs: [false] },
  },
  AzureFederatedIdentityProps: {
    call: (p) => new AzureFederatedIdentity(STACK, nextId(), p as never),
    field: "AzureFederatedIdentity",
    construct: true,
    valid: { trust: TRUST, resourceGroupName: "rg-ci", location: "westeurope" },
    validFor: {
      existingIdentity: { trust: TRUST, resourceGroupName: "rg-ci", existingIdentity: { id: IDENTITY_ID, principalId: UUID[0], clientId: UUID[1] } },
    },
    fieldOf: constructField("AzureFederatedIdentity"),
    accepts: { outputs: [false] },
  },
  AzureExistingIdentity: {
    call: (p) => new AzureFederatedIdentity(STACK, nextId(), { trust: TRUST, resourceGroupName: "rg-ci", existingIdentity: p as never }),
    field: "AzureFederatedIdentity.existingIdentity",
    construct: true,
    valid: { id: IDENTITY_ID, principalId: UUID[0], clientId: UUID[1] },
  },
  AzureRoleAssignment: {
    call: (p) =>
      new AzureFederatedIdentity(STACK, nextId(), { trust: TRUST, resourceGroupName: "rg-ci", location: "westeurope", roleAssignments: [p as never] }),
    field: "AzureFederatedIdentity.roleAssignments[0]",
    construct: true,
    valid: { scope: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-app", roleDefinitionName: "Contributor" },
    validFor: {
      roleDefinitionId: {
        scope: "/subscriptions/00000000-0000-0000-0000-000000000000",
        roleDefinitionId:
          "/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c",
      },
    },
  },
  AzureAppFederatedCredentialProps: {
    call: (p) => new AzureAppFederatedCredential(STACK, nextId(), p as never),
    field: "AzureAppFederatedCredential",
    construct: true,
    valid: { trust: TRUST, displayName: "deploy" },
    validFor: { existingApplication: { trust: TRUST, existingApplication: { id: APPLICATION_ID, clientId: UUID[0] } } },
    fieldOf: constructField("AzureAppFederatedCredential"),
    accepts: { outputs: [false] },
  },
  AzureExistingApplication: {
    call: (p) => new AzureAppFederatedCredential(STACK, nextId(), { trust: TRUST, existingApplication: p as never }),
    field: "AzureAppFederatedCredential.existingApplication",
    construct: true,
    valid: { id: APPLICATION_ID, clientId: UUID[0] },
  },
  FederatedWorkloadProps: {
    call: (p) => new FederatedWorkload(STACK, nextId(), p as never),
    field: "FederatedWorkload",
    construct: true,
    valid: { trust: TRUST, aws: {} },
  },
  GateTrustOptions: {
    call: (p) => gateTrust(new Construct(STACK, nextId()), TRUST, p as never),
    field: "gateTrust",
    fieldOf: (prop) => (prop === "acknowledge" ? "acknowledge" : `gateTrust.${prop}`),
    construct: true,
    valid: { cloud: "aws" },
  },
  AwsTrustPolicyOptions: {
    call: (p) => compileAwsTrustPolicy(TRUST, p as never),
    field: "compileAwsTrustPolicy",
    valid: { providerArn: "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" },
  },
  TrustChecksProps: { call: (p) => new TrustChecks(p as never), field: "TrustChecks", valid: {} },
  LintOptions: { call: (p) => lintTrust(TRUST, p as never), field: "lintTrust", valid: {} },
  FactsFromTrustOptions: { call: (p) => lintTrust(TRUST, p as never), field: "lintTrust", valid: {} },
  Acknowledgement: {
    call: (p) => lintTrust(TRUST, { acknowledge: [p as never] }),
    field: "lintTrust.acknowledge[0]",
    fieldOf: () => "lintTrust.acknowledge[0]",
    valid: { rule: "WIF008", reason: "the repository is never renamed" },
  },
};

/** Inputs of the public API that this test does not cover, and why. */
const NOT_COVERED: Readonly<Record<string, string>> = {
  InventoryOptions: "file-reading API (inventory()), not a trust or construct input",
  BuildInventoryOptions: "file-reading API (inventory()), not a trust or construct input",
  ExplainOptions: "file-reading API (explain()), not a trust or construct input",
};

/** What each kind of prop is fed. `undefined` is fed separately: it must be accepted where the prop is optional. */
function wrongValues(type: InputKind): readonly unknown[] {
  switch (type.kind) {
    case "boolean":
      return ["false", "true", 0, 1, null, {}, []];
    case "true":
      return ["true", 1, false, null, {}];
    case "number":
      return ["3600", NaN, Infinity, -1, 1.5, null, true, {}, []];
    case "string":
      return [5, true, false, null, {}, [], ["x"]];
    case "enum":
      return [5, true, null, {}, [], "bogus", type.values[0].toUpperCase()];
    case "string[]":
      return ["x", 5, true, null, {}, [5], [null], [{}]];
    case "object[]":
      return [5, "x", true, false, null, {}, [5], [null]];
    case "object":
      return [5, "x", true, false, null, []];
  }
}

/** The words of a message that say what is expected or how to fix it. */
const SAYS_HOW = /expected|give |use |write |set |omit|remove|for example|e\.g\.|known |must|at most|at least|one of|accepts|copy /i;

function thrown(call: () => unknown): unknown {
  try {
    call();
  } catch (err) {
    return err;
  }
  return undefined;
}

/** What is wrong with how `value` in `prop` was refused (nothing when it was refused as it should be). */
function refusalProblem(row: Row, prop: string, value: unknown): string | undefined {
  const props = { ...(row.validFor?.[prop] ?? row.valid), [prop]: value };
  const err = thrown(() => row.call(props));
  const shown = quote(value);
  if (err === undefined) return `${shown}: accepted`;
  if (!(err instanceof WifValidationError)) return `${shown}: ${String(err)} (not a WifValidationError)`;
  const fields = [`${row.field}.${prop}`, ...(row.fieldOf ? [row.fieldOf(prop)] : [])];
  if (!fields.some((f) => err.field === f || err.field.startsWith(`${f}[`)))
    return `${shown}: names ${quote(err.field)}, not ${quote(fields.at(-1))}: ${err.message}`;
  const element = Array.isArray(value) && value.length > 0 ? quote(value[0]) : undefined;
  if (!err.detail.includes(shown) && !(element !== undefined && err.detail.includes(element))) return `${shown}: not quoted in ${quote(err.message)}`;
  if (!SAYS_HOW.test(err.detail)) return `${shown}: does not say what is expected: ${err.message}`;
  if (!row.parameters && !err.message.includes(prop)) return `${shown}: the message does not name ${prop}: ${err.message}`;
  if (row.construct && !(err.constructPath !== undefined && err.message.startsWith(`${err.constructPath}: `))) {
    return `${shown}: no construct path in ${quote(err.message)}`;
  }
  return undefined;
}

const INPUTS: readonly PublicInput[] = publicInputs();
const CASES: [string, string, Row, InputProp][] = INPUTS.flatMap((input) =>
  ROWS[input.name] ? input.props.map((p): [string, string, Row, InputProp] => [input.name, p.name, ROWS[input.name], p]) : [],
);

describe("every public input is covered", () => {
  test("each input read from the declarations has a row here (or a reason it has none), and each row an input", () => {
    const names = INPUTS.map((i) => i.name);
    expect(names.filter((n) => !(n in ROWS) && !(n in NOT_COVERED))).toEqual([]);
    expect(Object.keys({ ...ROWS, ...NOT_COVERED }).filter((n) => !names.includes(n))).toEqual([]);
  });

  test("the declarations are read: the props of the issue's example are found with their kinds", () => {
    const github = INPUTS.find((i) => i.name === "GitHubActionsTrustOptions")!;
    expect(github.props.find((p) => p.name === "immutableSubject")?.type).toEqual({ kind: "boolean" });
    const role = INPUTS.find((i) => i.name === "AwsWorkloadIdentityRoleProps")!;
    expect(role.props.find((p) => p.name === "maxSessionDuration")?.type).toEqual({ kind: "number" });
    expect(role.props.find((p) => p.name === "partition")?.type).toEqual({ kind: "enum", values: ["aws", "aws-cn", "aws-us-gov"] });
  });

  test.each(Object.entries(ROWS))("%s: its valid props pass", (_name, row) => {
    expect(() => row.call(row.valid)).not.toThrow();
    for (const props of Object.values(row.validFor ?? {})) expect(() => row.call(props)).not.toThrow();
  });
});

describe("a value of the wrong runtime type is refused, naming the prop, quoting the value, saying what is expected", () => {
  test.each(CASES)("%s.%s", (_input, prop, row, { type }) => {
    const accepted = row.accepts?.[prop] ?? [];
    const problems = wrongValues(type)
      .filter((v) => !accepted.includes(v))
      .map((v) => refusalProblem(row, prop, v))
      .filter((p) => p !== undefined);
    expect(problems).toEqual([]);
  });
});

/** How a call ends: "ok", or the error's message without the construct's generated id. */
function outcome(row: Row, props: Props): string {
  const err = thrown(() => row.call(props));
  return err === undefined ? "ok" : String((err as Error).message).replace(/test\/c\d+/g, "test/c");
}

describe("undefined is accepted where a prop is optional: it means the prop is not given", () => {
  test.each(CASES.filter(([, , , p]) => p.optional))("%s.%s", (_input, prop, row) => {
    const { [prop]: _given, ...without } = row.valid;
    expect(outcome(row, { ...without, [prop]: undefined })).toBe(outcome(row, without));
  });
});

describe("an unknown option name is refused, with the known names", () => {
  test.each(Object.entries(ROWS).filter(([, row]) => !row.parameters))("%s", (_name, row) => {
    const err = thrown(() => row.call({ ...row.valid, immutableSubjekt: true }));
    expect(err).toBeInstanceOf(WifValidationError);
    expect((err as WifValidationError).message).toMatch(/unknown (option|key) "immutableSubjekt"/);
  });
});
