import { factsFromTrust } from "../../src/lint/from-trust";
import { Subject, Trust } from "../../src/trust";
import { GITHUB } from "./helpers";

const SUBJECT = "repo:octo/app:ref:refs/heads/main";
const TRUST = new Trust({ issuer: GITHUB, subject: Subject.exactly(SUBJECT), audiences: ["api://ci"] });
const AUDIENCE = { claim: "aud", operator: "equals", values: ["api://ci"], native: "audiences", origin: "condition" };

describe("factsFromTrust: the audience check and the limits each cloud counts", () => {
  it.each<[string, "aws" | "gcp" | "azure" | undefined, object]>([
    ["no cloud", undefined, {}],
    ["AWS", "aws", {}],
    ["GCP: the subject values of the attribute condition", "gcp", { gcpSubjectValues: [SUBJECT] }],
    ["Azure: issuer, subject and audience of the credential", "azure", { azureValues: [GITHUB.url, SUBJECT, "api://ci"] }],
  ])("%s", (_name, cloud, limits) => {
    const facts = factsFromTrust(TRUST, cloud ? { cloud } : {});
    expect(facts.statements.map((s) => [s.label, s.audience])).toEqual([["trust", [AUDIENCE]]]);
    expect(facts.limits).toEqual(limits);
  });
});

describe("factsFromTrust: subject and claim checks", () => {
  it.each<[string, Subject, object]>([
    ["an exact subject", Subject.exactly(SUBJECT), { claim: "sub", operator: "equals", values: [SUBJECT], native: "equals", origin: "condition" }],
    ["a pattern", Subject.like("repo:octo/app:*"), { claim: "sub", operator: "like", values: ["repo:octo/app:*"], native: "like", origin: "condition" }],
  ])("%s", (_name, subject, check) => {
    const facts = factsFromTrust(new Trust({ issuer: GITHUB, subject, audiences: ["api://ci"] }));
    expect(facts.statements.map((s) => s.subject)).toEqual([[check]]);
  });
});

describe("factsFromTrust: whether the cloud's default audience applies", () => {
  const noAudience = new Trust({ issuer: GITHUB, subject: Subject.exactly(SUBJECT) });
  it.each<[string, Trust, "aws" | "gcp" | undefined, boolean]>([
    ["explicit audiences", TRUST, undefined, false],
    ["no audiences and no cloud", noAudience, undefined, true],
    ["no audiences on GCP (the provider's name)", noAudience, "gcp", true],
    ["no audiences on AWS (GitHub's default is named)", noAudience, "aws", false],
  ])("%s", (_name, trust, cloud, expected) => {
    expect(factsFromTrust(trust, cloud ? { cloud } : {}).statements.map((s) => s.audienceDefault)).toEqual([expected]);
  });
});

describe("factsFromTrust: address, cloud and issuer", () => {
  it.each<[string, { cloud?: "aws" | "gcp" | "azure"; address?: string }, object]>([
    ["no options: the address is Trust and no cloud is named", {}, { address: "Trust" }],
    ["a cloud and an address", { cloud: "gcp", address: "Stack/deploy" }, { address: "Stack/deploy", cloud: "gcp" }],
  ])("%s", (_name, options, expected) => {
    const facts = factsFromTrust(TRUST, options);
    expect({ address: facts.address, ...("cloud" in facts ? { cloud: facts.cloud } : {}) }).toEqual(expected);
    expect(facts.issuer).toEqual({ url: GITHUB.url, kind: "github-actions", shared: true, references: [{ where: "issuer", value: GITHUB.url }] });
  });
});

describe("factsFromTrust: acknowledgements", () => {
  it.each<[string, Parameters<typeof factsFromTrust>[1], object[]]>([
    ["none given", {}, []],
    ["those given", { acknowledge: [{ rule: "WIF004", reason: "deploys from every branch" }] }, [{ rule: "WIF004", reason: "deploys from every branch" }]],
  ])("%s", (_name, options, expected) => {
    expect(factsFromTrust(TRUST, options).acknowledgements).toEqual(expected);
  });
});
