import { mkdirSync, mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { Aspects, Testing } from "cdktf";
import type { Construct } from "constructs";
import {
  Acknowledgement,
  AwsWorkloadIdentityRole,
  AzureAppFederatedCredential,
  AzureFederatedIdentity,
  FederatedWorkload,
  GcpWorkloadIdentity,
  Trust,
  TrustChecks,
} from "../../src";
import { allProvidersStack } from "./all-providers-stack";
import { runCli } from "../cli/run-cli";

/** Every construct that takes a trust runs the rule engine on it at construct time. */
type Build = (scope: Construct, trust: Trust, acknowledge?: readonly Acknowledgement[]) => void;

const GCP = { project: "acme-prod", projectNumber: "123456789012", poolId: "ci-pool", serviceAccountEmail: "d@acme-prod.iam.gserviceaccount.com" };
const BUILDERS: Record<string, Build> = {
  AwsWorkloadIdentityRole: (s, trust, acknowledge) => new AwsWorkloadIdentityRole(s, "c", { trust, acknowledge }),
  GcpWorkloadIdentity: (s, trust, acknowledge) => new GcpWorkloadIdentity(s, "c", { ...GCP, providerId: "ci-provider", trust, acknowledge }),
  AzureFederatedIdentity: (s, trust, acknowledge) =>
    new AzureFederatedIdentity(s, "c", { resourceGroupName: "rg", location: "westeurope", identityName: "ci-identity", trust, acknowledge }),
  AzureAppFederatedCredential: (s, trust, acknowledge) => new AzureAppFederatedCredential(s, "c", { displayName: "ci", trust, acknowledge }),
  FederatedWorkload: (s, trust, acknowledge) => new FederatedWorkload(s, "c", { trust, aws: {}, gcp: GCP, azureApp: { displayName: "ci" }, acknowledge }),
};

const stack = allProvidersStack;

const WHOLE_OWNER = Trust.githubActions({ repository: "octo/*", branch: "main", repositoryOwnerId: "1" });
const ANY_REF = Trust.githubActions({ repository: "octo/app", anyRef: true, repositoryOwnerId: "1" });
const PULL_REQUEST = Trust.githubActions({ repository: "octo/app", pullRequest: true, repositoryOwnerId: "1", repositoryId: "2", immutableSubject: true });
const REASON = "reviewed by the security team in SEC-123";

// The Azure managed identity takes exact subjects only: it meets the engine on exact trusts.
const PATTERN_BUILDERS = Object.entries(BUILDERS).filter(([name]) => name !== "AzureFederatedIdentity");

describe("constructs gate their trust through the rule engine", () => {
  test.each(PATTERN_BUILDERS)("%s refuses a whole-owner trust (WIF003, high) and says how to fix it", (_name, build) => {
    expect(() => build(stack(), WHOLE_OWNER)).toThrow(
      /has 1 finding at or above "high":\n {2}- .*WIF003 \(high\) "repo:octo\/\*:ref:refs\/heads\/main".*\nFix the trust, or accept a finding explicitly: acknowledge: \[\{ rule: "WIF003", reason: "<why this is acceptable, at least 10 characters>" \}\]\./s,
    );
  });

  test.each(PATTERN_BUILDERS)("%s lets it through when acknowledged with a reason, reported as suppressed", (_name, build) => {
    const s = stack();
    build(s, WHOLE_OWNER, [{ rule: "WIF003", reason: REASON }]);
    const infos = s.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === "@cdktf/info").map((m) => String(m.data)));
    expect(infos.some((m) => m.includes("WIF003") && m.includes("suppressed") && m.includes(REASON))).toBe(true);
    expect(() => Testing.synth(s, true)).not.toThrow();
  });

  test.each(PATTERN_BUILDERS)("%s: the TrustChecks Aspect honours the construct's acknowledgement at synth", (_name, build) => {
    const s = stack();
    build(s, WHOLE_OWNER, [{ rule: "WIF003", reason: REASON }]);
    Aspects.of(s).add(new TrustChecks({ failOn: "high" }));
    expect(() => Testing.synth(s, true)).not.toThrow();
    const unacknowledged = stack();
    new AwsWorkloadIdentityRole(unacknowledged, "ok", { trust: ANY_REF });
    const checks = new TrustChecks({ failOn: "medium" });
    Aspects.of(unacknowledged).add(checks);
    Testing.synth(unacknowledged, true);
    expect(checks.failures.map((f) => [f.rule, f.constructPath])).toEqual([["WIF004", `${unacknowledged.node.path}/ok/role`]]);
    const errors = unacknowledged.node
      .findAll()
      .flatMap((c) => c.node.metadata.filter((m) => m.type === "@cdktf/error").map((m) => [c.node.path, String(m.data)]));
    expect(errors).toEqual([[`${unacknowledged.node.path}/ok/role`, expect.stringMatching(/^WIF004 \(medium\)/)]]);
  });

  // The acknowledgement travels to the synthesized JSON, so `wif lint cdktf.out` honours it too.
  test.each(PATTERN_BUILDERS)("%s: wif lint on the synthesized stack reports the acknowledged finding as suppressed, with the reason", async (_name, build) => {
    const s = stack();
    build(s, WHOLE_OWNER, [{ rule: "WIF003", reason: REASON }]);
    const dir = mkdtempSync(join(tmpdir(), "wif-ack-"));
    mkdirSync(join(dir, "stacks", "test"), { recursive: true });
    Testing.synth(s, true); // validations; the JSON cdktf writes keeps the "//" metadata that Testing.synth strips
    writeFileSync(join(dir, "stacks", "test", "cdk.tf.json"), JSON.stringify(s.toTerraform()));
    const run = await runCli(["lint", dir, "--format", "json"], { cwd: dir });
    const findings = (JSON.parse(run.stdout) as { findings: { rule: string; suppressed?: { reason: string } }[] }).findings;
    const wif003 = findings.filter((f) => f.rule === "WIF003");
    expect(wif003.length).toBeGreaterThan(0);
    expect(wif003.every((f) => f.suppressed?.reason === REASON)).toBe(true);
    expect(run.code).toBe(0);
  });

  test.each(PATTERN_BUILDERS)("%s warns (does not refuse) on a medium finding: any ref of one repository (WIF004)", (_name, build) => {
    const s = stack();
    build(s, ANY_REF);
    const warnings = s.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => String(m.data)));
    expect(warnings.some((m) => m.startsWith("WIF004 (medium)"))).toBe(true);
  });

  test.each(Object.entries(BUILDERS))("%s warns on a pull-request trust (WIF005) and accepts its acknowledgement", (_name, build) => {
    const warned = stack();
    build(warned, PULL_REQUEST);
    expect(warned.node.findAll().some((c) => c.node.metadata.some((m) => m.type === "@cdktf/warn" && String(m.data).startsWith("WIF005")))).toBe(true);
    const acknowledged = stack();
    build(acknowledged, PULL_REQUEST, [{ rule: "WIF005", reason: "PR plan job only reads state" }]);
    expect(acknowledged.node.findAll().some((c) => c.node.metadata.some((m) => m.type === "@cdktf/warn"))).toBe(false);
  });

  test.each(Object.entries(BUILDERS))("%s refuses an acknowledgement that matches no finding, and a short reason", (_name, build) => {
    expect(() => build(stack(), PULL_REQUEST, [{ rule: "WIF002", reason: REASON }])).toThrow(
      /acknowledges WIF002, but .*(no|has a) WIF002 finding.* Remove the acknowledgement: an unused one would silently hide a future WIF002 finding\./s,
    );
    expect(() => build(stack(), PULL_REQUEST, [{ rule: "WIF005", reason: "ok" }])).toThrow(
      'the reason for acknowledging WIF005 is "ok"; give at least 10 characters saying why the risk is acceptable here.',
    );
  });
});
