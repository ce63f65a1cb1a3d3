import { Cloud, checkAudiences, defaultAudience } from "./audiences";
import { Claim } from "./claim";
import type { GlobCharacter } from "./glob";
import { WifValidationError, checkOptionsObject, quote } from "./errors";
import { Issuer, isBuiltIssuer } from "./issuer";
import { Subject } from "./subject";
import { isBuiltCondition } from "./string-condition";
import type { TokenClaims, TrustProps } from "./trust-props";

/** Trusts built by the constructor (a Proxy or an `Object.create(Trust.prototype)` object is not one). */
const BUILT = new WeakSet<object>();

const TRUST_PROPS = ["issuer", "subject", "audiences", "claims", "description"];
const RESERVED_CLAIMS = new Set(["iss", "sub", "aud"]);

/**
 * A workload identity federation trust: which tokens may act as a cloud identity. An immutable
 * value, independent of any cloud; `accepts()` is its executable meaning, and every cloud compiler
 * must decide exactly as it does or refuse the trust. The public `Trust` (`./trust.ts`) is this class
 * with one static factory per preset of `TRUST_PRESETS` (`Trust.githubActions(...)`).
 *
 * @example
 * const deploy = Trust.githubActions({ repository: "octo-org/payments", environment: "production" });
 * deploy.accepts({ iss: "https://token.actions.githubusercontent.com",
 *   sub: "repo:octo-org/payments:environment:production", aud: "sts.amazonaws.com" }, "aws"); // true
 */
export class Trust {
  public readonly issuer: Issuer;
  public readonly subject: Subject;
  /** The explicit audiences, or `undefined` when each cloud's default applies. */
  public readonly audiences?: readonly string[];
  /** Conditions on other claims (frozen). */
  public readonly claims: Readonly<Record<string, Claim>>;
  public readonly description: string;

  constructor(props: TrustProps) {
    if (props === null || typeof props !== "object") {
      throw new WifValidationError("Trust", `expected props { issuer, subject, audiences?, claims? }, got ${quote(props)}.`);
    }
    // Each prop is read once: a getter or Proxy cannot show the checks one value and keep another.
    const { issuer, subject, audiences, claims, description } = checkOptionsObject<TrustProps>(
      "Trust",
      props,
      TRUST_PROPS,
      "props { issuer, subject, audiences?, claims? }",
    );
    if (!(issuer instanceof Issuer)) {
      throw new WifValidationError(
        "Trust.issuer",
        `expected an Issuer, got ${quote(issuer)}. Use Issuer.fromUrl("https://...") or a preset such as Trust.githubActions(...).`,
      );
    }
    if (!(subject instanceof Subject)) {
      throw new WifValidationError(
        "Trust.subject",
        `a subject is required (got ${quote(subject)}): a trust without one admits every workload of the issuer. ` +
          `Use Subject.exactly(...), Subject.anyOf([...]) or Subject.like(...).`,
      );
    }
    if (description !== undefined && typeof description !== "string") {
      throw new WifValidationError("Trust.description", `expected a string, got ${quote(description)}.`);
    }
    this.issuer = isBuiltIssuer(issuer) ? issuer : Issuer.fromUrl(issuer.url, { kind: issuer.kind, shared: issuer.shared });
    this.subject = ownCondition(subject, Subject.anyOf, Subject.like);
    if (audiences !== undefined) this.audiences = checkAudiences("Trust.audiences", audiences);
    this.claims = Object.freeze(checkClaims(claims ?? {}));
    this.description = description ?? `${issuer.url} ${this.subject.toString()}`;
    Object.freeze(this);
    BUILT.add(this);
  }

  /**
   * The audiences a cloud must check: the explicit ones, else the cloud's default for this issuer
   * (`aws`: `sts.amazonaws.com` for GitHub Actions and EKS, `aws.workload.identity` for HCP
   * Terraform; `azure`: `api://AzureADTokenExchange`), else `undefined` (no default: GitLab or a
   * generic issuer on AWS; GCP, whose default is the provider's resource name).
   */
  public audiencesFor(cloud: Cloud): readonly string[] | undefined {
    if (this.audiences) return this.audiences;
    const fallback = defaultAudience(this.issuer.kind, cloud, this.issuer.hostAndPath);
    return fallback === undefined ? undefined : [fallback];
  }

  /**
   * The reference semantics: true when a token with these claims is admitted.
   *
   * - `iss` must equal the issuer URL; `sub` must match the subject; every claim condition must hold.
   * - `aud` (a string, or a list of which one must match) is checked against the explicit audiences;
   *   when there are none, against `audiencesFor(cloud)`. With `cloud = "gcp"` and no explicit
   *   audiences the GCP provider's resource name is the audience, which the GCP construct checks, so
   *   `aud` is not checked here; with no cloud and no audiences `aud` is not checked either.
   * - A `?` in a pattern is one character; outside the Basic Multilingual Plane the clouds count
   *   differently (`prod-??` admits `prod-😀` on AWS, `prod-?` does on GCP), so `cloud = "aws"` counts
   *   UTF-16 code units as IAM does, `"gcp"` code points as RE2 does, and no cloud or `"azure"`
   *   accepts either reading (never narrower than a cloud).
   * - With `cloud = "aws"`, no explicit audiences and no AWS default for the issuer, it throws:
   *   the trust cannot be deployed to AWS until it names its audiences.
   */
  public accepts(claims: TokenClaims, cloud?: Cloud): boolean {
    if (claims.iss !== this.issuer.url) return false;
    const character = GLOB_CHARACTER[cloud ?? "any"];
    if (!this.subject.matches(claims.sub, character)) return false;
    for (const [name, condition] of Object.entries(this.claims)) {
      if (!condition.matches(claims[name], character)) return false;
    }
    const allowed = cloud ? this.audiencesFor(cloud) : this.audiences;
    if (allowed === undefined) {
      if (cloud === "aws") throw missingAwsAudience(this);
      return true;
    }
    const aud = claims.aud;
    const values = Array.isArray(aud) ? aud : [aud];
    return values.some((v) => typeof v === "string" && allowed.includes(v));
  }

  /** A copy with other audiences. */
  public withAudiences(audiences: readonly string[]): Trust {
    return new Trust({ ...this.toProps(), audiences });
  }

  /** A copy with more claim conditions (a condition on an already-constrained claim replaces it). */
  public withClaims(claims: Readonly<Record<string, Claim>>): Trust {
    return new Trust({ ...this.toProps(), claims: { ...this.claims, ...claims } });
  }

  /** The props that rebuild this trust. */
  public toProps(): TrustProps {
    return {
      issuer: this.issuer,
      subject: this.subject,
      ...(this.audiences ? { audiences: this.audiences } : {}),
      claims: this.claims,
      description: this.description,
    };
  }

  public toString(): string {
    return this.description;
  }
}

/**
 * The trust a construct builds from: `value` checked to be a `Trust`; one the constructor did not
 * build is rebuilt from its data, each field read once, so a Proxy or an object made with `Object.create(Trust.prototype)` cannot show the
 * gate one trust and the compilers another. Internal to the constructs (not a public name).
 */
export function ownTrust(field: string, value: unknown): Trust {
  if (!(value instanceof Trust)) {
    throw new WifValidationError(field, `expected a Trust (e.g. Trust.githubActions({...}) or new Trust({...})), got ${quote(value)}.`);
  }
  if (BUILT.has(value)) return value;
  const { issuer, subject, audiences, claims, description } = value;
  return new Trust({ issuer, subject, ...(audiences !== undefined ? { audiences } : {}), claims, description });
}

/** What a `?` consumes per cloud (see `GlobCharacter`). */
const GLOB_CHARACTER: Readonly<Record<Cloud | "any", GlobCharacter>> = { aws: "code-unit", gcp: "code-point", azure: "either", any: "either" };

/** The error `accepts(claims, "aws")` and the AWS constructs raise when no audience is known. */
export function missingAwsAudience(trust: Trust): WifValidationError {
  return new WifValidationError(
    "Trust.audiences",
    `tokens from ${quote(trust.issuer.url)} (${trust.issuer.kind}) have no usual AWS audience, so AWS could not check "aud". ` +
      `Set audiences to the value your workload requests, e.g. audiences: ["sts.amazonaws.com"].`,
  );
}

function checkClaims(claims: unknown): Record<string, Claim> {
  if (claims === null || typeof claims !== "object" || Array.isArray(claims)) {
    throw new WifValidationError("Trust.claims", `expected an object of claim name to Claim, got ${quote(claims)}.`);
  }
  const out: Record<string, Claim> = {};
  for (const [name, condition] of Object.entries(claims)) {
    if (RESERVED_CLAIMS.has(name)) {
      throw new WifValidationError(
        `Trust.claims.${name}`,
        `"${name}" is checked through the trust's ${name === "iss" ? "issuer" : name === "sub" ? "subject" : "audiences"}, not as a claim condition. Move it there.`,
      );
    }
    if (!/^[A-Za-z0-9_][A-Za-z0-9_./-]*$/.test(name) || name === "__proto__") {
      throw new WifValidationError(`Trust.claims`, `${quote(name)} is not a usable claim name (letters, digits, "_", ".", "/", "-"; no ":" or spaces).`);
    }
    if (!(condition instanceof Claim)) {
      throw new WifValidationError(
        `Trust.claims.${name}`,
        `expected a Claim, got ${quote(condition)}. Use Claim.equals(...), Claim.anyOf([...]) or Claim.like(...).`,
      );
    }
    out[name] = ownCondition(condition, Claim.anyOf, Claim.like);
  }
  return out;
}

/**
 * The condition itself when `Subject`/`Claim` built it (frozen); anything else that passes
 * `instanceof` (a Proxy, an `Object.create(Subject.prototype)` object) is rebuilt from its
 * alternatives, read once, through the public factories (which validate every value again), so no
 * getter or method can answer the gate and the compilers differently.
 */
function ownCondition<C extends Subject | Claim>(condition: C, anyOf: (values: readonly (string | C)[]) => C, like: (pattern: string) => C): C {
  if (isBuiltCondition(condition)) return condition;
  return anyOf(condition.alternatives.map((a) => (a.kind === "exact" ? a.value : like(a.pattern))));
}
