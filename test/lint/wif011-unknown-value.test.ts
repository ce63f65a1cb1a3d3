import type { UnknownValue } from "../../src/lint/facts";
import { WIF011 } from "../../src/lint/rules/wif011-unknown-value";
import { eq, facts, ruleHits } from "./helpers";

const M = WIF011.meta.messages.unknown;
const hits = (...unknowns: UnknownValue[]) =>
  ruleHits("WIF011", facts({ unknowns, checks: [eq("sub", "repo:octo/app:environment:prod"), eq("repository_owner_id", "1")] }));

describe("WIF011", () => {
  it("names the field and the expression, and what decides it when the evaluation knows", () => {
    const decidedBy = "var.repo of module.ci, set nowhere in this configuration";
    expect(hits({ field: "sub", expression: "${var.repo}", decidedBy }, { field: "issuer", expression: "${var.issuer}" })).toEqual([
      {
        value: "${var.repo}",
        risk: `sub uses "\${var.repo}", which is unknown until apply, so this part of the trust cannot be checked. It is decided by ${decidedBy}.`,
        fix: M.fix(),
      },
      { value: "${var.issuer}", risk: 'issuer uses "${var.issuer}", which is unknown until apply, so this part of the trust cannot be checked.', fix: M.fix() },
    ]);
  });

  it.each<[string, UnknownValue[], string[]]>([
    [
      "one expression in two fields: once, in the first field",
      [
        { field: "sub", expression: "${var.repo}" },
        { field: "aud", expression: "${var.repo}" },
      ],
      ["sub"],
    ],
    [
      "one expression twice in one field: once",
      [
        { field: "sub", expression: "${var.repo}" },
        { field: "sub", expression: "${var.repo}" },
      ],
      ["sub"],
    ],
    [
      "two expressions in one field: each",
      [
        { field: "sub", expression: "${var.a}" },
        { field: "sub", expression: "${var.b}" },
      ],
      ["sub", "sub"],
    ],
  ])("reports %s", (_name, unknowns, fields) => {
    expect(hits(...unknowns).map((f) => f.risk.split(" ")[0])).toEqual(fields);
  });
});
