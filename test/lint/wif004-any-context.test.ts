import { wordsOf } from "../../src/lint/rules/words";
import { facts, like, ruleHits } from "./helpers";

const EKS = { url: "https://oidc.eks.eu-west-1.amazonaws.com/id/ABC", kind: "kubernetes", shared: false, references: [] } as const;
const K8S = wordsOf("kubernetes");
const hits = (value: string) => ruleHits("WIF004", facts({ issuer: EKS, checks: [like("sub", value)] }), { severity: true });

// Kubernetes is the issuer whose words name an open "repository" (the namespace) apart from an open context.
describe("WIF004 on Kubernetes subjects", () => {
  it.each<[string, string, "high" | "medium" | undefined, typeof K8S.anyContext | undefined]>([
    ["any namespace", "system:serviceaccount:*:deployer", "high", K8S.anyRepository],
    ["every service account of one namespace", "system:serviceaccount:ci:*", "medium", K8S.anyContext],
    ["one service account", "system:serviceaccount:ci:deployer", undefined, undefined],
  ])("%s", (_name, value, severity, words) => {
    expect(hits(value)).toEqual(words && severity ? [{ value, severity, risk: words.risk(value), fix: words.fix }] : []);
  });
});
