import { AZURE_DEVOPS } from "./azure-devops";
import { BITBUCKET } from "./bitbucket";
import { BUILDKITE } from "./buildkite";
import { CIRCLECI } from "./circleci";
import { GENERIC } from "./generic";
import { GITHUB_ACTIONS } from "./github-actions";
import { GITLAB } from "./gitlab";
import { KUBERNETES } from "./kubernetes";
import type { ClaimMeaning, IssuerProfile, IssuerUrl, SubjectGrammar } from "./profile";
import { SPIFFE } from "./spiffe";
import { TERRAFORM_CLOUD } from "./terraform-cloud";

/** The issuers whose subject grammar and claims the library knows. Adding one: one line here and in the registry below. */
export type IssuerKind =
  "github-actions" | "gitlab" | "terraform-cloud" | "kubernetes" | "buildkite" | "circleci" | "bitbucket" | "azure-devops" | "spiffe" | "generic";

/**
 * Every issuer profile, by kind. A kind without a profile, or a profile missing a field, does not
 * compile. Order matters only for URL recognition (shared issuers are tried first anyway).
 */
export const ISSUER_PROFILES = {
  "github-actions": GITHUB_ACTIONS,
  gitlab: GITLAB,
  "terraform-cloud": TERRAFORM_CLOUD,
  kubernetes: KUBERNETES,
  buildkite: BUILDKITE,
  circleci: CIRCLECI,
  bitbucket: BITBUCKET,
  "azure-devops": AZURE_DEVOPS,
  spiffe: SPIFFE,
  generic: GENERIC,
} as const satisfies Record<IssuerKind, IssuerProfile>;

/** Every issuer kind, in registry order. */
export const ISSUER_KINDS: readonly IssuerKind[] = Object.freeze(Object.keys(ISSUER_PROFILES) as IssuerKind[]);

/** True when `value` names an issuer kind. */
export function isIssuerKind(value: unknown): value is IssuerKind {
  return typeof value === "string" && Object.prototype.hasOwnProperty.call(ISSUER_PROFILES, value);
}

/** The profile of a kind. */
export function profileOf(kind: IssuerKind): IssuerProfile {
  return ISSUER_PROFILES[kind];
}

/** What a check on `claim` pins on this issuer (own entries only: `toString` is no claim). */
export function claimMeaning(kind: IssuerKind, claim: string): ClaimMeaning | undefined {
  const claims = ISSUER_PROFILES[kind].claims;
  return Object.prototype.hasOwnProperty.call(claims, claim) ? (claims as Record<string, ClaimMeaning>)[claim] : undefined;
}

/** What a URL says about its issuer. */
export interface IssuerClassification {
  readonly kind: IssuerKind;
  readonly shared: boolean;
  /** The URL family it matched; undefined for generic issuers. */
  readonly url?: IssuerUrl;
}

/**
 * What a URL (without `https://`) says about its issuer: the kind whose profile lists it, and whether
 * many tenants share it. Shared URL families are tried first.
 *
 * @example
 * classifyIssuerUrl("gitlab.com"); // { kind: "gitlab", shared: true, url: {...} }
 */
export function classifyIssuerUrl(hostAndPath: string): IssuerClassification {
  // The host as DNS and TLS read it (case, a trailing dot and the default port make no difference),
  // so a URL that reaches a shared issuer's servers is classified as that issuer (the wider reading).
  const slash = hostAndPath.indexOf("/");
  const host = slash < 0 ? hostAndPath : hostAndPath.slice(0, slash);
  const canonical = host.toLowerCase().replace(/:443$/, "").replace(/\.$/, "") + (slash < 0 ? "" : hostAndPath.slice(slash));
  for (const shared of [true, false]) {
    for (const kind of ISSUER_KINDS) {
      const url = ISSUER_PROFILES[kind].urls.find((u) => u.shared === shared && u.hostAndPath.test(canonical));
      if (url) return { kind, shared, url };
    }
  }
  return { kind: "generic", shared: false };
}

/** The kind a generic issuer's subjects reveal (`spiffe://...`), if every value starts with a profile's `subjectPrefix`. */
export function kindFromSubjects(values: readonly string[]): IssuerKind | undefined {
  if (values.length === 0) return undefined;
  return ISSUER_KINDS.find((k) => {
    const prefix = ISSUER_PROFILES[k].subjectPrefix;
    return prefix !== undefined && values.every((v) => v.startsWith(prefix));
  });
}

/**
 * The grammar a subject value is read with: the first of the kind's grammars whose first literal the
 * value fits (its literal start agrees with the grammar's first lead), else the first grammar.
 */
export function grammarForSubject(kind: IssuerKind, literalStart: string): SubjectGrammar | undefined {
  const grammars = ISSUER_PROFILES[kind].grammars;
  return (
    grammars.find((g) => {
      const lead = g.fields[0]?.lead ?? "";
      return literalStart.startsWith(lead) || lead.startsWith(literalStart);
    }) ?? grammars[0]
  );
}

export type {
  AwsSupport,
  AzureSupport,
  ClaimMeaning,
  FieldRole,
  FindingWords,
  FlexibleLanguage,
  FlexibleOperator,
  GrammarField,
  IssuerProfile,
  IssuerUrl,
  IssuerWords,
  ProfileCloud,
  ProfileSeverity,
  SubjectGrammar,
} from "./profile";
