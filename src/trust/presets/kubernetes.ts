import { WifValidationError, quote, rejectUnknownOptions } from "../errors";
import { Issuer } from "../issuer";
import { rejectTokens } from "../tokens";
import { Subject } from "../subject";
import type { TrustProps } from "../trust-props";
import { checkSubjectPart, isPattern, NameRule } from "./names";

/** Options of `Trust.kubernetes`: one service account of one cluster. */
export interface KubernetesTrustOptions {
  /** The cluster's service-account issuer, e.g. `https://oidc.eks.eu-west-1.amazonaws.com/id/ABC`. */
  readonly issuerUrl: string;
  readonly namespace: string;
  readonly serviceAccount: string;
  /** @default - each cloud's default audience (`sts.amazonaws.com` on AWS, as EKS IRSA) */
  readonly audiences?: readonly string[];
}

const OPTIONS: readonly (keyof KubernetesTrustOptions)[] = ["issuerUrl", "namespace", "serviceAccount", "audiences"];
const NAMESPACE: NameRule = {
  whole: /^[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?$/,
  char: /[-a-z0-9]/,
  describe: "a namespace is a DNS label: 1-63 lowercase letters, digits or inner '-'",
  example: "ci",
};
const SERVICE_ACCOUNT: NameRule = {
  whole: /^[a-z0-9](?:[-a-z0-9.]{0,251}[a-z0-9])?$/,
  char: /[-a-z0-9.]/,
  describe: "a service account name is a DNS subdomain: lowercase letters, digits, '-' and '.'",
  example: "deployer",
};

/** The `TrustProps` of `Trust.kubernetes`. */
export function kubernetesTrustProps(options: KubernetesTrustOptions): TrustProps {
  const field = "kubernetes";
  if (options === null || typeof options !== "object") {
    throw new WifValidationError(field, `expected options { issuerUrl, namespace, serviceAccount }, got ${quote(options)}.`);
  }
  rejectUnknownOptions(field, options, OPTIONS);
  rejectTokens(field, options);
  const issuer = Issuer.fromUrl(options.issuerUrl, { kind: "kubernetes", shared: false });
  const ns = checkSubjectPart(`${field}.namespace`, options.namespace, NAMESPACE);
  const sa = checkSubjectPart(`${field}.serviceAccount`, options.serviceAccount, SERVICE_ACCOUNT);
  const sub = `system:serviceaccount:${ns}:${sa}`;
  return {
    issuer,
    subject: isPattern(ns, sa) ? Subject.like(sub) : Subject.exactly(sub),
    ...(options.audiences !== undefined ? { audiences: options.audiences } : {}),
    claims: {},
    description: `Kubernetes ${ns}/${sa} at ${issuer.hostAndPath}`,
  };
}
