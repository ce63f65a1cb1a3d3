import { keepMostSevere, lintFacts } from "../../src/lint/engine";
import type { Finding } from "../../src/lint/finding";
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

  it("gives each finding the facts' cloud, and none without one", () => {
    const facts = factsFromTrust(trust(GITHUB, "repo:octo*"), { address: "aws_iam_role.ci" });
    expect(lintFacts({ ...facts, cloud: "aws" }).map((f) => [f.rule, f.cloud])).toEqual([["WIF002", "aws"]]);
    expect(lintFacts(facts).map((f) => "cloud" in f)).toEqual([false]);
  });

  it("overrides the severity of the hit it keeps, not which hit it keeps", () => {
    const f = lintFacts(factsFromTrust(trust(GITHUB, "repo:octo*")), { severityOverrides: { WIF002: "low" } });
    expect(f.map((x) => [x.rule, x.severity])).toEqual([["WIF002", "low"]]);
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

// One finding per rule and value: the most severe hit, in the place of the first; of equal ones, the first.
describe("keepMostSevere", () => {
  const hit = (rule: string, value: string, severity: Finding["severity"], risk: string = severity): Finding => ({
    rule,
    severity,
    title: rule,
    address: "aws_iam_role.ci",
    value,
    risk,
    fix: "fix",
  });
  const shape = (fs: readonly Finding[]) => fs.map((f) => `${f.rule}:${f.value}:${f.severity}:${f.risk}`);
  it.each<[string, Finding[], string[]]>([
    ["nothing", [], []],
    ["different values stay apart", [hit("WIF004", "a", "low"), hit("WIF004", "b", "high")], ["WIF004:a:low:low", "WIF004:b:high:high"]],
    ["different rules stay apart", [hit("WIF004", "a", "low"), hit("WIF007", "a", "high")], ["WIF004:a:low:low", "WIF007:a:high:high"]],
    [
      "a more severe later hit takes the first place",
      [hit("WIF007", "a", "info"), hit("WIF004", "b", "low"), hit("WIF007", "a", "high")],
      ["WIF007:a:high:high", "WIF004:b:low:low"],
    ],
    ["a less severe later hit is dropped", [hit("WIF007", "a", "high"), hit("WIF007", "a", "info")], ["WIF007:a:high:high"]],
    ["of equally severe hits the first stays", [hit("WIF007", "a", "high", "first"), hit("WIF007", "a", "high", "second")], ["WIF007:a:high:first"]],
    [
      "three hits rising in severity keep the last",
      [hit("WIF007", "a", "low"), hit("WIF007", "a", "medium"), hit("WIF007", "a", "critical")],
      ["WIF007:a:critical:critical"],
    ],
    [
      "a hit between a severe one and a less severe one",
      [hit("WIF007", "a", "medium"), hit("WIF007", "a", "high"), hit("WIF007", "a", "medium", "again")],
      ["WIF007:a:high:high"],
    ],
  ])("%s", (_name, findings, expected) => {
    expect(shape(keepMostSevere(findings))).toEqual(expected);
  });
});
