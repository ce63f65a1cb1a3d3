import type { ClaimCheck, TrustFacts } from "../../src/lint/facts";
import { WIF006 } from "../../src/lint/rules/wif006-audience";
import type { Cloud } from "../../src/trust/audiences";
import { eq, facts, like, ruleHits } from "./helpers";

const M = WIF006.meta.messages;
type Expected = { value: string; risk: string; fix: string };
const SUBJECT = [eq("sub", "repo:octo/app:environment:prod"), eq("repository_owner_id", "1")];
const on = (cloud: Cloud, ...aud: ClaimCheck[]): TrustFacts => facts({ cloud, checks: SUBJECT, aud });

const noAudience = (): Expected => {
  const d = { label: "Statement[0]", address: "aws_iam_role.r" };
  return { value: "Statement[0]: no aud check", risk: M.noAudience.risk(d), fix: M.noAudience.fix() };
};
const notPinned = (c: ClaimCheck): Expected => ({
  value: `${c.native} aud ${c.values.join(", ")}`,
  risk: M.notPinned.risk({ native: c.native, values: c.values }),
  fix: M.notPinned.fix(),
});
const otherCloud = (value: string, owner: Cloud, cloud: Cloud): Expected => {
  const d = { value, owner, cloud };
  return { value, risk: M.otherCloud.risk(d), fix: M.otherCloud.fix(d) };
};
const azureCount = (...values: string[]): Expected => ({
  value: values.join(", "),
  risk: M.azureAudienceCount.risk({ count: values.length }),
  fix: M.azureAudienceCount.fix(),
});
const hits = (f: TrustFacts) => ruleHits("WIF006", f);

const STS = "sts.amazonaws.com";
const AZURE = "api://AzureADTokenExchange";
const negated: ClaimCheck = { claim: "aud", operator: "negated", values: ["other"], native: "StringNotEquals" };
const unknown: ClaimCheck = { claim: "aud", operator: "unknown", values: ["${var.aud}"], native: "StringEquals" };
const twoLike = like("aud", STS, "sts.*");

describe("WIF006", () => {
  it.each<[string, TrustFacts, Expected[]]>([
    ["an exact audience", on("aws", eq("aud", STS)), []],
    ["no audience check", on("aws"), [noAudience()]],
    ["only a negated audience check", on("aws", negated), [noAudience()]],
    ["a ForAllValues audience check (an empty set passes it)", on("aws", { ...eq("aud", STS), setOperator: "ForAllValues" }), [noAudience()]],
    ["StringEqualsIfExists (aud is always present)", on("aws", { ...eq("aud", STS), ifExists: true, native: "StringEqualsIfExists" }), []],
    ["an audience unknown until apply (WIF011 speaks)", on("aws", unknown), []],
    ["an unknown audience beside a wildcard one", on("aws", unknown, like("aud", "*")), []],
    ["a wildcard audience", on("aws", like("aud", "*")), [notPinned(like("aud", "*"))]],
    ["one wildcard value among exact ones", on("aws", twoLike), [notPinned(twoLike)]],
    ["StringLike with the literal ${*}", on("aws", like("aud", "sts.amazonaws.com${*}")), []],
    ["Azure's audience on AWS", on("aws", eq("aud", AZURE)), [otherCloud(AZURE, "azure", "aws")]],
    ["AWS's audience on Azure", on("azure", eq("aud", STS)), [otherCloud(STS, "aws", "azure")]],
    [
      "a GCP provider name on Azure",
      on("azure", eq("aud", "//iam.googleapis.com/projects/1/x")),
      [otherCloud("//iam.googleapis.com/projects/1/x", "gcp", "azure")],
    ],
    ["another cloud's audience, the cloud unknown", facts({ cloud: undefined, checks: SUBJECT, aud: [eq("aud", AZURE)] }), []],
    ["Azure with its audience", on("azure", eq("aud", AZURE)), []],
    ["Azure with two audiences", on("azure", eq("aud", AZURE, "api://other")), [azureCount(AZURE, "api://other")]],
    ["AWS with two audiences (AWS takes a list)", on("aws", eq("aud", STS, "my-app")), []],
  ])("%s", (_name, f, expected) => {
    expect(hits(f)).toEqual(expected);
  });
});
