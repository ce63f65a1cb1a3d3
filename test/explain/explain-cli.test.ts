import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runCli } from "../cli/run-cli";
import { schemaValidator } from "../inventory/schema";

const DIR = path.join(__dirname, "..", "fixtures", "inventory");
const GH = "https://token.actions.githubusercontent.com";
const validExplanation = schemaValidator("explain");

interface Answer {
  verdicts: { address: string; decision: string; reason: string; dependsOn?: string[]; notes?: string[] }[];
  question: Record<string, unknown>;
}

function verdicts(stdout: string): Record<string, [string, string, string[]?]> {
  const doc = JSON.parse(stdout) as Answer;
  expect(validExplanation(doc)).toBe("");
  return Object.fromEntries(doc.verdicts.map((v) => [v.address, v.dependsOn ? [v.decision, v.reason, v.dependsOn] : [v.decision, v.reason]]));
}

/** An unsigned-looking JWT for the claims (explain decodes, it never verifies). */
function jwt(claims: Record<string, unknown>): string {
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
  return `${b64({ alg: "RS256", typ: "JWT" })}.${b64(claims)}.c2lnbmF0dXJl`;
}

test("--subject --issuer: a dev branch of octo/payments, on AWS: accepted, rejected with the failing condition, undecided with its dependency", async () => {
  const run = await runCli(
    [
      "explain",
      "--subject",
      "repo:octo/payments:ref:refs/heads/dev",
      "--issuer",
      GH,
      "--audience",
      "sts.amazonaws.com",
      "payments",
      "platform",
      "--cloud",
      "aws",
      "--format",
      "json",
    ],
    { cwd: DIR },
  );
  expect([run.code, run.stderr]).toEqual([0, ""]);
  expect(verdicts(run.stdout)).toEqual({
    "aws_iam_role.branches": ["accepted", "data.aws_iam_policy_document.branches statement[0]: every condition holds"],
    "aws_iam_role.ci": ["accepted", "Statement[0]: every condition holds"],
    "aws_iam_role.deploy": ["rejected", 'sub "repo:octo/payments:ref:refs/heads/dev" does not match StringEquals "repo:octo/payments:environment:production"'],
    "aws_iam_role.release": ["undecided", 'sub "repo:octo/payments:ref:refs/heads/dev" against StringLike "${var.subjects}"', ["${var.subjects}"]],
    "aws_iam_role.cluster_app": [
      "rejected",
      `the role trusts tokens of https://oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123456789; the token's iss is "${GH}"`,
    ],
    "aws_iam_role.terraform": ["rejected", `the role trusts tokens of https://app.terraform.io; the token's iss is "${GH}"`],
  });
});

test("--var decides an unknown subject list: the undecided role becomes accepted", async () => {
  const argv = [
    "explain",
    "--subject",
    "repo:octo/payments:environment:release",
    "--issuer",
    GH,
    "--audience",
    "sts.amazonaws.com",
    "payments",
    "--cloud",
    "aws",
    "--format",
    "json",
  ];
  expect(verdicts((await runCli(argv, { cwd: DIR })).stdout)["aws_iam_role.release"][0]).toBe("undecided");
  const run = await runCli([...argv, "--var", 'subjects=["repo:octo/payments:environment:release"]'], { cwd: DIR });
  expect(verdicts(run.stdout)["aws_iam_role.release"]).toEqual(["accepted", "Statement[0]: every condition holds"]);
});

test("the provider's client_id_list decides aud on AWS", async () => {
  const run = await runCli(
    [
      "explain",
      "--subject",
      "repo:octo/payments:environment:production",
      "--issuer",
      GH,
      "--audience",
      "other",
      "payments",
      "--cloud",
      "aws",
      "--format",
      "json",
    ],
    { cwd: DIR },
  );
  expect(verdicts(run.stdout)["aws_iam_role.deploy"]).toEqual(["rejected", 'aud "other" is not in the OIDC provider\'s client_id_list ["sts.amazonaws.com"]']);
});

test("GCP: attribute mapping, CEL condition and IAM members; a described workload without aud skips the audience check and says so", async () => {
  const base = [
    "explain",
    "--issuer",
    GH,
    "--claim",
    "repository=octo/payments",
    "--claim",
    "repository_owner=octo",
    "payments",
    "--cloud",
    "gcp",
    "--format",
    "json",
  ];
  const main = await runCli([...base, "--subject", "repo:octo/payments:ref:refs/heads/main", "--claim", "ref=refs/heads/main"], { cwd: DIR });
  const doc = JSON.parse(main.stdout) as Answer;
  expect(doc.verdicts[0]).toMatchObject({ decision: "accepted", notes: ["no aud given: the audience check is skipped"] });
  expect(doc.question.audienceUnstated).toBe(true);
  const dev = await runCli([...base, "--subject", "repo:octo/payments:ref:refs/heads/dev", "--claim", "ref=refs/heads/dev"], { cwd: DIR });
  expect(verdicts(dev.stdout)["google_iam_workload_identity_pool_provider.github"]).toEqual([
    "rejected",
    "attribute_condition \"assertion.repository_owner == 'octo' && assertion.ref == 'refs/heads/main'\" is false",
  ]);
  const other = await runCli(
    [
      ...base.map((a) => (a === "repository=octo/payments" ? "repository=octo/other" : a)),
      "--subject",
      "repo:octo/other:ref:refs/heads/main",
      "--claim",
      "ref=refs/heads/main",
    ],
    { cwd: DIR },
  );
  expect(verdicts(other.stdout)["google_iam_workload_identity_pool_provider.github"][1]).toMatch(
    /^the provider admits the token \(google.subject "repo:octo\/other:ref:refs\/heads\/main"\), but no IAM member of the pool matches it: principalSet:/,
  );
});

test("--token is decoded, NOT verified, and never printed back", async () => {
  const token = jwt({ iss: GH, sub: "repo:octo/platform:ref:refs/heads/main", aud: "api://AzureADTokenExchange", repository_owner_id: "1234567" });
  const text = await runCli(["explain", "--token", token, "platform", "--cloud", "azure"], { cwd: DIR });
  expect(text.code).toBe(0);
  expect(text.stdout).toContain("Token claims (decoded, NOT verified): ");
  expect(text.stdout).toContain(
    "accepted   azure azurerm_federated_identity_credential.main  platform/azure.tf:14\n                 issuer, subject and audience match exactly\n",
  );
  expect(text.stdout).toContain("2 accepted, 0 rejected, 0 undecided.");
  const json = await runCli(["explain", "--token", token, "platform", "--cloud", "azure", "--format", "json"], { cwd: DIR });
  expect(json.stderr).toBe("wif: the token was decoded, NOT verified (signature, expiry and issuer unchecked).\n");
  for (const out of [text.stdout, text.stderr, json.stdout, json.stderr]) {
    expect(out).not.toContain(token);
    expect(out).not.toContain(token.split(".")[2]);
  }
});

test("--claims file: Azure exact matching is case-sensitive; the first failing condition is named", async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "wif-explain-"));
  fs.writeFileSync(
    path.join(tmp, "token.json"),
    JSON.stringify({ iss: GH, sub: "repo:Octo/platform:ref:refs/heads/main", aud: "api://AzureADTokenExchange", repository_owner_id: "1234567" }),
  );
  const run = await runCli(["explain", "--claims", path.join(tmp, "token.json"), "platform", "--cloud", "azure", "--format", "json"], { cwd: DIR });
  expect(verdicts(run.stdout)).toEqual({
    "azurerm_federated_identity_credential.main": [
      "rejected",
      'sub "repo:Octo/platform:ref:refs/heads/main" does not equal subject "repo:octo/platform:ref:refs/heads/main"',
    ],
    "azuread_application_flexible_federated_identity_credential.any_branch": [
      "rejected",
      `sub "repo:Octo/platform:ref:refs/heads/main" does not match sub matches "repo:octo/platform:ref:refs/heads/*"`,
    ],
  });
});

test.each([
  [["explain", "payments"], "wif: ask one question: --claims FILE, --token JWT, or --subject S --issuer URL.\n"],
  [["explain", "--subject", "x", "payments"], "wif: --subject and --issuer go together: name the workload's sub and its issuer URL.\n"],
  [["explain", "--token", "not-a-jwt", "payments"], "wif: --token is not a JWT (header.payload.signature): it has 1 dot-separated parts.\n"],
  [
    ["explain", "--subject", "x", "--issuer", GH, "--claim", "novalue", "payments"],
    'wif: --claim takes NAME=VALUE, e.g. --claim environment=production; got "novalue".\n',
  ],
  [["explain", "--subject", "x", "--issuer", GH, "payments", "--cloud", "oci"], 'wif: --cloud must be one of aws, gcp, azure; got "oci".\n'],
  [["explain", "--subject", "x", "--issuer", GH], "wif: no paths: name cdktf.out/, a directory of Terraform files, *.tf, *.tf.json or plan JSON.\n"],
])("bad usage exits 2: %j", async (argv, message) => {
  const run = await runCli(argv, { cwd: DIR });
  expect([run.code, run.stdout, run.stderr]).toEqual([2, "", `${message}Run "wif explain --help" for usage.\n`]);
});
