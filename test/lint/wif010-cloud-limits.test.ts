import type { LimitFacts } from "../../src/lint/facts";
import { WIF010 } from "../../src/lint/rules/wif010-cloud-limits";
import { eq, facts, ruleHits } from "./helpers";

const M = WIF010.meta.messages;
type Expected = { value: string; risk: string; fix: string };
const hits = (limits: LimitFacts) =>
  ruleHits("WIF010", facts({ limits, checks: [eq("sub", "repo:octo/app:environment:prod"), eq("repository_owner_id", "1")] }));

const policy = (length: number): Expected => ({ value: `${length} characters`, risk: M.awsPolicyLength.risk({ length }), fix: M.awsPolicyLength.fix() });
const subjectBytes = (value: string, bytes: number): Expected => ({ value, risk: M.gcpSubjectBytes.risk({ value, bytes }), fix: M.gcpSubjectBytes.fix() });
const gcpId = (what: string, id: string): Expected => ({ value: id, risk: M.gcpId.risk({ what, id }), fix: M.gcpId.fix({ what, id }) });
const count = (n: number): Expected => ({ value: `${n} credentials`, risk: M.azureCredentialCount.risk({ count: n }), fix: M.azureCredentialCount.fix() });
const name = (n: string): Expected => ({ value: n, risk: M.azureCredentialName.risk({ name: n }), fix: M.azureCredentialName.fix() });
const long = (v: string): Expected => ({ value: `${v.slice(0, 80)}...`, risk: M.azureValueLength.risk({ length: v.length }), fix: M.azureValueLength.fix() });

const ASCII_127 = `repo:octo/${"a".repeat(117)}`;
const TWO_BYTE_128 = "é".repeat(64);
const AZURE_600 = `repo:octo/app:environment:${"e".repeat(574)}`;
const AZURE_601 = `${AZURE_600}f`;

describe("WIF010 at each limit", () => {
  it.each<[string, LimitFacts, Expected[]]>([
    ["no limit facts", {}, []],
    ["an AWS policy of 2048 characters", { awsTrustPolicyLength: 2048 }, []],
    ["an AWS policy of 2049 characters", { awsTrustPolicyLength: 2049 }, [policy(2049)]],
    ["a google.subject of 127 bytes", { gcpSubjectValues: [ASCII_127] }, []],
    ["a google.subject of 64 characters and 128 bytes", { gcpSubjectValues: [ASCII_127, TWO_BYTE_128] }, [subjectBytes(TWO_BYTE_128, 128)]],
    ["valid pool and provider ids", { gcpPoolId: "ci-pool", gcpProviderId: "github" }, []],
    ["a pool id of 3 characters", { gcpPoolId: "abc" }, [gcpId("pool id", "abc")]],
    ["a provider id starting with gcp-", { gcpProviderId: "gcp-github" }, [gcpId("provider id", "gcp-github")]],
    ["an id with a template (unknown, WIF011 speaks)", { gcpPoolId: "${var.pool}", gcpProviderId: "x_${var.p}" }, []],
    ["20 Azure credentials on one identity", { azureCredentialCount: 20 }, []],
    ["21 Azure credentials on one identity", { azureCredentialCount: 21 }, [count(21)]],
    ["a valid Azure credential name", { azureCredentialName: "deploy_prod-1" }, []],
    ["an Azure credential name starting with -", { azureCredentialName: "-deploy" }, [name("-deploy")]],
    ["an Azure credential name with a template", { azureCredentialName: "${var.env}.deploy" }, []],
    ["an Azure value of 600 characters", { azureValues: [AZURE_600] }, []],
    ["an Azure value of 601 characters", { azureValues: ["api://AzureADTokenExchange", AZURE_601] }, [long(AZURE_601)]],
  ])("%s", (_name, limits, expected) => {
    expect(hits(limits)).toEqual(expected);
  });

  it("quotes the first 80 characters of a long Azure value", () => {
    expect(hits({ azureValues: [AZURE_601] }).map((f) => f.value)).toEqual([`repo:octo/app:environment:${"e".repeat(54)}...`]);
  });
});
