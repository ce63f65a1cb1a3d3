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

describe("lintFacts: acknowledgements on the facts", () => {
  const facts = factsFromTrust(trust(GITHUB, "repo:octo*"));
  it.each<[string, { rule: string; reason: string }, boolean]>([
    ["a reason of 10 characters suppresses", { rule: "WIF002", reason: "0123456789" }, true],
    ["blanks do not count towards the reason", { rule: "WIF002", reason: " 012345678 " }, false],
    ["a short reason does not suppress", { rule: "WIF002", reason: "short" }, false],
    ["another rule's acknowledgement does not suppress", { rule: "WIF004", reason: "long enough reason" }, false],
  ])("%s", (_name, ack, suppressed) => {
    expect(lintFacts({ ...facts, acknowledgements: [ack] }).map((f) => [f.rule, f.suppressed !== undefined])).toEqual([["WIF002", suppressed]]);
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
