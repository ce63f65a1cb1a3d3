import { lintFacts } from "../../src/lint/engine";
import { isAtLeast, Severity } from "../../src/lint/finding";
import { factsFromTrust } from "../../src/lint/from-trust";
import { EKS, GENERIC, GITHUB, trust } from "./helpers";

describe("lintFacts", () => {
  it("gives each finding the facts' source location, and none without one", () => {
    const facts = factsFromTrust(trust(GITHUB, "repo:octo*"), { address: "aws_iam_role.ci" });
    const located = lintFacts({ ...facts, source: { file: "main.tf", line: 3 } });
    expect(located.map((f) => [f.rule, f.location])).toEqual([["WIF002", { file: "main.tf", line: 3 }]]);
    expect(lintFacts(facts).map((f) => "location" in f)).toEqual([false]);
  });

  // A generic issuer's URL is the operator's choice; Kubernetes service account subjects are not.
  it.each<[string, ReturnType<typeof trust>, string[]]>([
    ["Kubernetes subjects under a generic issuer", trust(GENERIC, "system:serviceaccount:*:deployer"), ["WIF004/high"]],
    ["the same subjects under an EKS issuer", trust(EKS, "system:serviceaccount:*:deployer"), ["WIF004/high"]],
    ["an exact Kubernetes subject under a generic issuer", trust(GENERIC, "system:serviceaccount:ci:deployer"), []],
  ])("reads %s as that kind", (_name, t, expected) => {
    expect(lintFacts(factsFromTrust(t)).map((f) => `${f.rule}/${f.severity}`)).toEqual(expected);
  });
});

describe("isAtLeast (severity thresholds)", () => {
  it.each<[Severity, Severity, boolean]>([
    ["critical", "high", true],
    ["high", "high", true],
    ["medium", "high", false],
    ["info", "low", false],
    ["low", "info", true],
  ])("%s at least %s: %s", (severity, threshold, expected) => {
    expect(isAtLeast(severity, threshold)).toBe(expected);
  });
});
