import { TerraformStack, Testing } from "cdktf";
import { Construct } from "constructs";
import { gateTrust } from "../../src/constructs/trust-gate";
import type { Acknowledgement } from "../../src/lint/acknowledgement";
import type { Finding } from "../../src/lint/finding";
import { Claim, Issuer, Subject, Trust, WifValidationError } from "../../src/trust";

/** A minimal construct that gates its trust the way the cloud constructs do. */
class Gated extends Construct {
  public readonly findings: Finding[];
  constructor(scope: Construct, id: string, props: { trust: Trust; acknowledge?: readonly Acknowledgement[] }) {
    super(scope, id);
    this.findings = gateTrust(this, props.trust, { cloud: "aws", acknowledge: props.acknowledge });
  }
}

function stack(): TerraformStack {
  return new TerraformStack(Testing.app(), "stack");
}
const ANY_REF = Trust.githubActions({ repository: "octo/app", anyRef: true, repositoryOwnerId: "1234567" });
const OWNER_WIDE = Trust.githubActions({ repository: "octo/*", anyRef: true, repositoryOwnerId: "1234567" });

describe("gateTrust", () => {
  it("refuses an owner wildcard with every blocking finding and its fix", () => {
    const s = stack();
    expect(() => new Gated(s, "deploy", { trust: Trust.githubActions({ repository: "octo*/app", branch: "main" }) })).toThrow(
      new WifValidationError(
        "trust",
        'The trust "GitHub Actions octo*/app ref:refs/heads/main" has 1 finding at or above "high":\n' +
          '  - stack/deploy: WIF002 (critical) "repo:octo*/app:ref:refs/heads/main": "repo:octo*/app:ref:refs/heads/main" lets any GitHub owner (user or organization) on https://token.actions.githubusercontent.com match, not only yours. ' +
          'Fix: Pin the tenant and the repository literally, e.g. "repo:OWNER/REPO:environment:production (or :ref:refs/heads/main)", and pin an immutable owner id.\n' +
          'Fix the trust, or accept a finding explicitly: acknowledge: [{ rule: "WIF002", reason: "<why this is acceptable, at least 10 characters>" }].',
        { constructPath: "stack/deploy" },
      ),
    );
  });

  it("refuses a whole-owner trust (WIF003, high)", () => {
    expect(() => new Gated(stack(), "d", { trust: OWNER_WIDE })).toThrow(/WIF003 \(high\) "repo:octo\/\*:\*"/);
  });

  it("turns medium findings into warnings", () => {
    const s = stack();
    const g = new Gated(s, "d", { trust: ANY_REF });
    expect(g.findings.map((f) => f.rule)).toEqual(["WIF004"]);
    const warnings = g.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => m.data);
    expect(warnings).toEqual([expect.stringMatching(/^WIF004 \(medium\) "repo:octo\/app:\*": .* Fix: Pin one context/)]);
  });

  it("lets an acknowledged high finding through, reported as suppressed info", () => {
    const g = new Gated(stack(), "d", { trust: OWNER_WIDE, acknowledge: [{ rule: "WIF003", reason: "docs bucket, any repo of octo may publish" }] });
    expect(g.findings.find((f) => f.rule === "WIF003")?.suppressed).toEqual({ reason: "docs bucket, any repo of octo may publish" });
    expect(g.node.metadata.filter((m) => m.type === "@cdktf/info").map((m) => m.data)).toEqual([expect.stringContaining("[suppressed: docs bucket")]);
  });

  it.each<[string, unknown, RegExp]>([
    [
      "unknown rule",
      [{ rule: "WIF999", reason: "long enough reason" }],
      /^stack\/d: acknowledge\[0\]: "WIF999" is not a rule id\. Known rules: WIF001, WIF002/,
    ],
    ["short reason", [{ rule: "WIF004", reason: "ok" }], /the reason for acknowledging WIF004 is "ok"; give at least 10 characters/],
    ["no reason", [{ rule: "WIF004" }], /the reason for acknowledging WIF004 is undefined/],
    [
      "not a list",
      { rule: "WIF004" },
      /^stack\/d: acknowledge: expected a list of \{ rule: "WIF004", appliesTo\?: \["<finding value>", \.\.\.\], reason: "<why, at least 10 characters>" \}, got \{"rule":"WIF004"\}\./,
    ],
    [
      "an unknown key",
      [{ rule: "WIF004", reason: "long enough reason", appliesto: ["repo:octo/app:*"] }],
      /acknowledge\[0\]: unknown key "appliesto": an acknowledgement takes rule, appliesTo and reason\./,
    ],
    [
      "appliesTo matches no finding of the rule",
      [{ rule: "WIF004", appliesTo: ["repo:octo/other:*"], reason: "long enough reason" }],
      /acknowledge\[0\]: acknowledges WIF004\[repo:octo\/other:\*\], but the trust "GitHub Actions octo\/app \*" has no WIF004\[repo:octo\/other:\*\] finding \(its WIF004 findings: \["repo:octo\/app:\*"\]\)\. Remove the acknowledgement/,
    ],
    [
      "matches no finding",
      [{ rule: "WIF002", reason: "long enough reason" }],
      /acknowledge\[0\]: acknowledges WIF002, but the trust .* has no WIF002 finding\. Remove the acknowledgement/,
    ],
  ])("rejects an acknowledgement: %s", (_name, acknowledge, message) => {
    expect(() => new Gated(stack(), "d", { trust: ANY_REF, acknowledge: acknowledge as Acknowledgement[] })).toThrow(message);
  });

  it("appliesTo suppresses only the listed finding values", () => {
    const two = new Trust({
      issuer: Issuer.fromUrl("https://token.actions.githubusercontent.com"),
      subject: Subject.anyOf(["repo:octo/app:pull_request", "repo:octo/lib:pull_request"]),
      claims: { repository_owner_id: Claim.equals("1234567") },
    });
    const g = new Gated(stack(), "d", {
      trust: two,
      acknowledge: [{ rule: "WIF005", appliesTo: ["repo:octo/lib:pull_request"], reason: "lib PR checks read a public bucket" }],
    });
    expect(g.findings.filter((f) => f.rule === "WIF005").map((f) => [f.value, f.suppressed?.reason])).toEqual([
      ["repo:octo/app:pull_request", undefined],
      ["repo:octo/lib:pull_request", "lib PR checks read a public bucket"],
    ]);
  });

  it("records acknowledgements for the TrustChecks Aspect", () => {
    const g = new Gated(stack(), "d", { trust: ANY_REF, acknowledge: [{ rule: "WIF004", reason: "read-only role for every branch" }] });
    expect(g.node.metadata.find((m) => m.type === "cdktf-wif:acknowledge")?.data).toEqual([{ rule: "WIF004", reason: "read-only role for every branch" }]);
  });
});

describe("gateTrust annotations", () => {
  it("info findings are info annotations, not warnings", () => {
    // A like() without a wildcard is fine (WIF007 at info); the owner id pin avoids WIF008.
    const s = new TerraformStack(Testing.app(), "s");
    const likeTrust = new Trust({
      issuer: Issuer.githubActions(),
      subject: Subject.like("repo:octo/app:ref:refs/heads/main"),
      claims: { repository_owner_id: Claim.equals("1") },
    });
    const g = new Gated(s, "d", { trust: likeTrust });
    expect(g.findings.map((f) => [f.rule, f.severity])).toEqual([["WIF007", "info"]]);
    expect(g.node.metadata.filter((m) => m.type === "@cdktf/warn")).toEqual([]);
    expect(g.node.metadata.filter((m) => m.type === "@cdktf/info").map((m) => m.data)).toEqual([
      expect.stringMatching(/^WIF007 \(info\) "repo:octo\/app:ref:refs\/heads\/main"/),
    ]);
  });
});
