import { rejectToken } from "./tokens";
import { WifValidationError, quote } from "./errors";

/** The issuers whose subject grammar the library knows. */
export type IssuerKind =
  | "github-actions"
  | "gitlab"
  | "terraform-cloud"
  | "kubernetes"
  | "buildkite"
  | "circleci"
  | "bitbucket"
  | "generic";

export const ISSUER_KINDS: readonly IssuerKind[] = [
  "github-actions",
  "gitlab",
  "terraform-cloud",
  "kubernetes",
  "buildkite",
  "circleci",
  "bitbucket",
  "generic",
];

/** Issuer kinds whose one issuer URL is shared by many unrelated tenants (anyone can get a token). */
const SHARED_HOSTS: ReadonlyArray<readonly [RegExp, IssuerKind]> = [
  [/^token\.actions\.githubusercontent\.com(\/[^/]+)?$/, "github-actions"],
  [/^token\.actions\.[a-z0-9-]+\.ghe\.com$/, "github-actions"],
  [/^gitlab\.com$/, "gitlab"],
  [/^app(\.eu)?\.terraform\.io$/, "terraform-cloud"],
  [/^agent\.buildkite\.com$/, "buildkite"],
];

const PRIVATE_HOSTS: ReadonlyArray<readonly [RegExp, IssuerKind]> = [
  [/^oidc\.eks\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\/id\/[A-Za-z0-9]+$/, "kubernetes"],
  [/^container\.googleapis\.com\/v1\/projects\/[^/]+\/(locations|zones)\/[^/]+\/clusters\/[^/]+$/, "kubernetes"],
  [/^[a-z0-9.-]+\.oic\.prod-aks\.azure\.com\/.+$/, "kubernetes"],
  [/^oidc\.circleci\.com\/org\/[0-9a-f-]+$/, "circleci"],
  [/^api\.bitbucket\.org\/2\.0\/workspaces\/[^/]+\/pipelines-config\/identity\/oidc$/, "bitbucket"],
];

/** What a URL says about its issuer: the grammar it uses and whether many tenants share it. */
export function classifyIssuerUrl(hostAndPath: string): { kind: IssuerKind; shared: boolean } {
  for (const [re, kind] of SHARED_HOSTS) if (re.test(hostAndPath)) return { kind, shared: true };
  for (const [re, kind] of PRIVATE_HOSTS) if (re.test(hostAndPath)) return { kind, shared: false };
  return { kind: "generic", shared: false };
}

/**
 * True for an AKS cluster issuer URL, which ends with "/" (`https://<region>.oic.prod-aks.azure.com/<tenant>/<cluster>/`):
 * the one issuer whose `iss` carries a trailing slash, kept as written.
 */
export function isAksIssuerUrl(url: string): boolean {
  return /^https:\/\/[a-z0-9.-]+\.oic\.prod-aks\.azure\.com\/[^/]+\/[^/]+\/?$/.test(url);
}

/**
 * An OIDC token issuer: the exact `iss` value tokens carry. Immutable.
 *
 * @example
 * Issuer.fromUrl("https://token.actions.githubusercontent.com");
 * Issuer.fromUrl("https://gitlab.example.com", { kind: "gitlab" }); // self-managed GitLab
 */
export class Issuer {
  /** GitHub Actions on github.com (`enterprise` adds the enterprise slug path; see GitHub's docs). */
  public static githubActions(options: { readonly enterprise?: string; readonly gheSubdomain?: string } = {}): Issuer {
    if (options.enterprise !== undefined && options.gheSubdomain !== undefined) {
      throw new WifValidationError(
        "githubActions.enterprise",
        `set either enterprise (${quote(options.enterprise)}) or gheSubdomain (${quote(options.gheSubdomain)}), not both: ` +
          `enterprise slugs apply to github.com, gheSubdomain to GitHub Enterprise Cloud with data residency (<subdomain>.ghe.com).`,
      );
    }
    if (options.enterprise !== undefined) {
      if (!/^[a-z0-9](?:[a-z0-9-]{0,98}[a-z0-9])?$/.test(options.enterprise)) {
        throw new WifValidationError(
          "githubActions.enterprise",
          `${quote(options.enterprise)} is not an enterprise slug (lowercase letters, digits and inner hyphens). ` +
            `Use the slug from https://github.com/enterprises/<slug>.`,
        );
      }
      return Issuer.fromUrl(`https://token.actions.githubusercontent.com/${options.enterprise}`, { kind: "github-actions" });
    }
    if (options.gheSubdomain !== undefined) {
      if (!/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(options.gheSubdomain)) {
        throw new WifValidationError(
          "githubActions.gheSubdomain",
          `${quote(options.gheSubdomain)} is not a ghe.com subdomain. Give the part before ".ghe.com", e.g. "octo" for octo.ghe.com.`,
        );
      }
      return Issuer.fromUrl(`https://token.actions.${options.gheSubdomain}.ghe.com`, { kind: "github-actions" });
    }
    return Issuer.fromUrl("https://token.actions.githubusercontent.com");
  }

  /**
   * An issuer from its exact URL. The URL must be `https://`, without a trailing slash (except AKS
   * cluster issuers, whose `iss` ends with "/"), query, fragment, credentials or wildcards: tokens
   * carry it literally and every cloud compares it literally.
   */
  public static fromUrl(url: string, options: { readonly kind?: IssuerKind; readonly shared?: boolean } = {}): Issuer {
    const field = "Issuer.fromUrl";
    rejectToken(field, url);
    if (typeof url !== "string" || url.length === 0) {
      throw new WifValidationError(field, `expected the issuer URL as a string, got ${quote(url)}.`);
    }
    if (/[*?{}$\s]/.test(url)) {
      throw new WifValidationError(
        field,
        `${quote(url)} contains a wildcard, template or whitespace. An issuer is one exact URL: give the value of the tokens' "iss" claim.`,
      );
    }
    if (!url.startsWith("https://")) {
      throw new WifValidationError(
        field,
        `${quote(url)} is not an https:// URL. Clouds fetch the issuer's keys over TLS and compare "iss" literally; use the https:// issuer URL.`,
      );
    }
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new WifValidationError(field, `${quote(url)} is not a valid URL.`);
    }
    if (parsed.username || parsed.password || parsed.search || parsed.hash || url.includes("#") || url.includes("?")) {
      throw new WifValidationError(field, `${quote(url)} has credentials, a query or a fragment. Give the bare issuer URL.`);
    }
    if (url.endsWith("/") && !isAksIssuerUrl(url)) {
      throw new WifValidationError(
        field,
        `${quote(url)} ends with "/". Tokens' "iss" normally has no trailing slash and clouds compare it literally ` +
          `(AWS condition keys and GCP issuer_uri would not match). Remove the trailing slash: ${quote(url.replace(/\/+$/, ""))}. ` +
          `AKS cluster issuers (https://<region>.oic.prod-aks.azure.com/<tenant>/<cluster>/) are accepted with their slash.`,
      );
    }
    const hostAndPath = url.slice("https://".length);
    if (parsed.host !== hostAndPath.split("/")[0]) {
      throw new WifValidationError(
        field,
        `${quote(url)} has a host that is not in canonical form (${quote(parsed.host)}). Write the host in lowercase, without a default port.`,
      );
    }
    const detected = classifyIssuerUrl(hostAndPath);
    const kind = options.kind ?? detected.kind;
    const shared = options.shared ?? (options.kind === undefined || options.kind === detected.kind ? detected.shared : false);
    return new Issuer(url, hostAndPath, kind, shared);
  }

  private constructor(
    /** The exact `iss` value, e.g. `https://token.actions.githubusercontent.com`. */
    public readonly url: string,
    /** The URL without `https://` (the AWS condition-key prefix and provider ARN suffix). */
    public readonly hostAndPath: string,
    /** The subject grammar this issuer uses. */
    public readonly kind: IssuerKind,
    /** True when many unrelated tenants get tokens from this same issuer (github.com, gitlab.com, ...). */
    public readonly shared: boolean,
  ) {
    Object.freeze(this);
  }

  public toString(): string {
    return this.url;
  }
}
