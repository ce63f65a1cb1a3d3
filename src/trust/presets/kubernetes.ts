import { WifValidationError, quote } from "../errors";
import { Issuer, issuerFromOption } from "../issuer";
import { Subject } from "../subject";
import type { TrustProps } from "../trust-props";
import { checkPresetOptions, checkSubjectPart, isPattern, NameRule, presetAudiences } from "./names";

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
  checkPresetOptions(field, options, OPTIONS, "{ issuerUrl, namespace, serviceAccount }");
  return serviceAccountTrustProps(field, issuerFromOption(`${field}.issuerUrl`, options.issuerUrl, { kind: "kubernetes", shared: false }), options);
}

/** One service account of the cluster whose issuer is `issuer`; errors name the preset's options (`gke.namespace`). */
function serviceAccountTrustProps(
  field: string,
  issuer: Issuer,
  options: Pick<KubernetesTrustOptions, "namespace" | "serviceAccount" | "audiences">,
): TrustProps {
  const ns = checkSubjectPart(`${field}.namespace`, options.namespace, NAMESPACE);
  const sa = checkSubjectPart(`${field}.serviceAccount`, options.serviceAccount, SERVICE_ACCOUNT);
  const sub = `system:serviceaccount:${ns}:${sa}`;
  return {
    issuer,
    subject: isPattern(ns, sa) ? Subject.like(sub) : Subject.exactly(sub),
    ...presetAudiences(field, options.audiences),
    claims: {},
    description: `Kubernetes ${ns}/${sa} at ${issuer.hostAndPath}`,
  };
}

/** Options of `Trust.gke`: one service account of one GKE cluster. */
export interface GkeTrustOptions {
  /** The Google Cloud project id of the cluster. */
  readonly project: string;
  /** The cluster's region or zone, e.g. `europe-west1` or `europe-west1-b`. */
  readonly location: string;
  /** The cluster name. */
  readonly cluster: string;
  readonly namespace: string;
  readonly serviceAccount: string;
  /** @default - each cloud's default audience (`sts.amazonaws.com` on AWS) */
  readonly audiences?: readonly string[];
}

const GKE_OPTIONS: readonly (keyof GkeTrustOptions)[] = ["project", "location", "cluster", "namespace", "serviceAccount", "audiences"];
const GCP_PROJECT = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;
const GCP_LOCATION = /^[a-z]+-[a-z]+[0-9]+(-[a-z])?$/;
const GKE_CLUSTER = /^[a-z](?:[a-z0-9-]{0,38}[a-z0-9])?$/;

/**
 * The `TrustProps` of `Trust.gke`: the cluster's issuer
 * `https://container.googleapis.com/v1/projects/PROJECT/locations/LOCATION/clusters/CLUSTER`, then as
 * `Trust.kubernetes`.
 */
export function gkeTrustProps(options: GkeTrustOptions): TrustProps {
  const field = "gke";
  checkPresetOptions(field, options, GKE_OPTIONS, "{ project, location, cluster, namespace, serviceAccount }");
  const part = (name: "project" | "location" | "cluster", re: RegExp, what: string, example: string): string => {
    const value = options[name];
    if (typeof value !== "string" || !re.test(value)) {
      throw new WifValidationError(`${field}.${name}`, `${quote(value)} is not ${what}. For example ${quote(example)}.`);
    }
    return value;
  };
  const project = part("project", GCP_PROJECT, "a Google Cloud project id (6-30 lowercase letters, digits and '-')", "acme-prod");
  const location = part("location", GCP_LOCATION, "a region or zone", "europe-west1");
  const cluster = part("cluster", GKE_CLUSTER, "a GKE cluster name (lowercase letters, digits and inner '-', up to 40)", "main");
  const issuer = Issuer.fromUrl(`https://container.googleapis.com/v1/projects/${project}/locations/${location}/clusters/${cluster}`, {
    kind: "kubernetes",
    shared: false,
  });
  return serviceAccountTrustProps(field, issuer, options);
}

/** The `Trust` factories of this issuer kind, registered in `TRUST_PRESETS` (`src/trust/presets/index.ts`). */
export const KUBERNETES_PRESETS = {
  /** A Kubernetes service account of one cluster: `system:serviceaccount:NAMESPACE:NAME`. */
  kubernetes: kubernetesTrustProps,
  /** A Kubernetes service account of one GKE cluster (the issuer is built from project, location and cluster). */
  gke: gkeTrustProps,
} as const;
