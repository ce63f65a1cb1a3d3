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
 * An issuer URL as classifyIssuerUrl and the readers compare it: without its scheme and trailing slashes.
 *
 * @example
 * issuerHostPath("https://gitlab.example.com/gitlab/"); // "gitlab.example.com/gitlab"
 */
export function issuerHostPath(url: string): string {
  return url.replace(/^[a-z]+:\/\//i, "").replace(/\/+$/, "");
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

/** What a partly unknown issuer URL may be (see `classifyPartialIssuerUrl`). */
export interface PartialIssuerClassification {
  /** True when the host (the text before the first `/`) has no unknown part. */
  readonly hostKnown: boolean;
  /** The URL families it may be, once its unknown parts take a value. */
  readonly candidates: readonly IssuerClassification[];
}

/** Values an unknown part of a URL is tried with, besides reading the families' examples against the URL. */
const PROBES = ["0", "a", "acme", "01234567-89ab-cdef-0123-456789abcdef", "eu-west-1", "EXAMPLED539D4633E53DE1B71EXAMPLE"];

/**
 * The URL families a URL (without `https://`) whose parts `${...}` are unknown until apply may be:
 * those whose example fits the literal parts around the unknowns, or which match it once the
 * unknowns take one of a few probe values.
 *
 * @example
 * classifyPartialIssuerUrl("oidc.circleci.com/org/${var.org_id}"); // { hostKnown: true, candidates: [{ kind: "circleci", ... }] }
 */
export function classifyPartialIssuerUrl(hostAndPath: string): PartialIssuerClassification {
  const parts = splitUnknowns(hostAndPath);
  const slash = parts.findIndex((p) => p.literal && p.text.includes("/"));
  const hostKnown = parts.slice(0, slash < 0 ? parts.length : slash).every((p) => p.literal);
  const pattern = new RegExp(`^${parts.map((p) => (p.literal ? p.text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&") : "[\\s\\S]*")).join("")}$`, "i");
  const candidates: IssuerClassification[] = [];
  for (const kind of ISSUER_KINDS) {
    for (const url of ISSUER_PROFILES[kind].urls) {
      const example = url.example.replace(/^https:\/\//, "");
      const fits = pattern.test(example) || PROBES.some((probe) => url.hostAndPath.test(parts.map((p) => (p.literal ? p.text : probe)).join("")));
      if (fits) candidates.push({ kind, shared: url.shared, url });
    }
  }
  return { hostKnown, candidates };
}

/** A URL's literal text and `${...}` parts. */
function splitUnknowns(s: string): { readonly literal: boolean; readonly text: string }[] {
  const out: { literal: boolean; text: string }[] = [];
  let lit = "";
  for (let i = 0; i < s.length; i++) {
    if (s[i] === "$" && s[i + 1] === "{") {
      let depth = 0;
      let j = i;
      for (; j < s.length; j++) {
        if (s[j] === "{") depth++;
        else if (s[j] === "}" && --depth === 0) break;
      }
      if (j < s.length) {
        if (lit) out.push({ literal: true, text: lit });
        lit = "";
        out.push({ literal: false, text: s.slice(i, j + 1) });
        i = j;
        continue;
      }
    }
    lit += s[i];
  }
  if (lit) out.push({ literal: true, text: lit });
  return out;
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
 * The grammars a subject value may be read with: the kind's grammars whose first lead the value's
 * literal start agrees with (one is a prefix of the other: an unknown first part fits every grammar),
 * else the first grammar alone (which then reads the value as never matching); none for kinds without
 * a grammar.
 */
export function grammarsForSubject(kind: IssuerKind, literalStart: string): readonly SubjectGrammar[] {
  const grammars = ISSUER_PROFILES[kind].grammars;
  const fit = grammars.filter((g) => literalStart.startsWith(g.fields[0].lead) || g.fields[0].lead.startsWith(literalStart));
  return fit.length > 0 ? fit : grammars.slice(0, 1);
}

/** The grammar a subject value is read with: the first of {@link grammarsForSubject}. */
export function grammarForSubject(kind: IssuerKind, literalStart: string): SubjectGrammar | undefined {
  return grammarsForSubject(kind, literalStart)[0];
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
