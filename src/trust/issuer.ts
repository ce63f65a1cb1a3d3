import { rejectToken } from "./tokens";
import { WifValidationError, checkOptionsObject, quote } from "./errors";
import { classifyIssuerUrl, isIssuerKind, ISSUER_KINDS, IssuerKind } from "./issuers";

export { ISSUER_KINDS, classifyIssuerUrl };
export type { IssuerKind } from "./issuers";

/**
 * True for an issuer URL whose tokens' `iss` ends with "/" (AKS cluster issuers,
 * `https://<region>.oic.prod-aks.azure.com/<tenant>/<cluster>/`): the slash is kept as written.
 */
export function isAksIssuerUrl(url: string): boolean {
  if (!url.startsWith("https://")) return false;
  return classifyIssuerUrl(url.slice("https://".length)).url?.trailingSlash === true;
}

/** Options of `Issuer.fromUrl`. */
export interface IssuerOptions {
  /**
   * The subject grammar, for issuers the URL does not reveal (self-managed GitLab, a cluster).
   * A URL the library recognises keeps its own kind.
   * @default - recognised from the URL, else "generic"
   */
  readonly kind?: IssuerKind;
  /**
   * True when many unrelated tenants get tokens from this issuer. A URL the library knows to be shared
   * stays shared.
   * @default - recognised from the URL, else false
   */
  readonly shared?: boolean;
}

/** Issuers built by `Issuer.fromUrl` (a Proxy or an `Object.create(Issuer.prototype)` object is not one). */
const BUILT = new WeakSet<object>();

/** True when `value` is an issuer built by `Issuer.fromUrl` (frozen, not a Proxy or a look-alike). */
export function isBuiltIssuer(value: unknown): boolean {
  return typeof value === "object" && value !== null && BUILT.has(value);
}

const ISSUER_OPTIONS: readonly (keyof IssuerOptions)[] = ["kind", "shared"];

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
    options = checkOptionsObject<typeof options>("githubActions", options, ["enterprise", "gheSubdomain"], "options { enterprise?, gheSubdomain? }");
    if (options.enterprise !== undefined && options.gheSubdomain !== undefined) {
      throw new WifValidationError(
        "githubActions.enterprise",
        `set either enterprise (${quote(options.enterprise)}) or gheSubdomain (${quote(options.gheSubdomain)}), not both: ` +
          `enterprise slugs apply to github.com, gheSubdomain to GitHub Enterprise Cloud with data residency (<subdomain>.ghe.com).`,
      );
    }
    if (options.enterprise !== undefined) {
      if (typeof options.enterprise !== "string" || !/^[a-z0-9](?:[a-z0-9-]{0,98}[a-z0-9])?$/.test(options.enterprise)) {
        throw new WifValidationError(
          "githubActions.enterprise",
          `${quote(options.enterprise)} is not an enterprise slug (lowercase letters, digits and inner hyphens). ` +
            `Use the slug from https://github.com/enterprises/<slug>.`,
        );
      }
      return Issuer.fromUrl(`https://token.actions.githubusercontent.com/${options.enterprise}`, { kind: "github-actions" });
    }
    if (options.gheSubdomain !== undefined) {
      if (typeof options.gheSubdomain !== "string" || !/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(options.gheSubdomain)) {
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
  public static fromUrl(url: string, options: IssuerOptions = {}): Issuer {
    const field = "Issuer.fromUrl";
    rejectToken(field, url);
    // Read once: a getter cannot pass the checks with one kind and build the issuer with another.
    options = checkOptions(options);
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
    const rawHost = hostAndPath.split("/")[0];
    if (parsed.host !== rawHost || rawHost.endsWith(".")) {
      throw new WifValidationError(
        field,
        `${quote(url)} has a host that is not in canonical form (${quote(parsed.host)}). Write the host in lowercase, without a default port or a trailing dot.`,
      );
    }
    if (parsed.pathname !== (hostAndPath.slice(rawHost.length) || "/")) {
      throw new WifValidationError(
        field,
        `${quote(url)} has a path that is not in canonical form (${quote(parsed.pathname)}): dot segments, percent-encoding or non-ASCII characters. ` +
          `Give the issuer URL exactly as the tokens' "iss" claim spells it.`,
      );
    }
    const detected = classifyIssuerUrl(hostAndPath);
    if (detected.kind !== "generic" && options.kind !== undefined && options.kind !== detected.kind) {
      throw new WifValidationError(
        `${field}.kind`,
        `${quote(url)} is a ${detected.kind} issuer; kind ${quote(options.kind)} would read its subjects with the wrong grammar ` +
          `and hide findings. Omit kind (or give ${quote(detected.kind)}).`,
      );
    }
    if (detected.shared && options.shared === false) {
      throw new WifValidationError(
        `${field}.shared`,
        `${quote(url)} is shared by every ${detected.kind} tenant: anyone can get a token from it, so it cannot be declared private. Omit shared.`,
      );
    }
    const kind = detected.kind !== "generic" ? detected.kind : (options.kind ?? "generic");
    const shared = detected.shared || options.shared === true;
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
    BUILT.add(this);
  }

  public toString(): string {
    return this.url;
  }
}

/**
 * `Issuer.fromUrl` for a URL given in another option (`kubernetes.issuerUrl`, `gitlab.host`): its
 * errors name that option instead of `Issuer.fromUrl`.
 */
export function issuerFromOption(field: string, url: unknown, options?: IssuerOptions): Issuer {
  try {
    return Issuer.fromUrl(url as string, options);
  } catch (err) {
    if (err instanceof WifValidationError && /^Issuer\.fromUrl(\.|$)/.test(err.field)) throw new WifValidationError(field, err.detail, { cause: err });
    throw err;
  }
}

function checkOptions(options: unknown): IssuerOptions {
  const field = "Issuer.fromUrl";
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    throw new WifValidationError(`${field}.options`, `expected options { kind?, shared? }, got ${quote(options)}.`);
  }
  const { kind, shared } = checkOptionsObject(field, options, ISSUER_OPTIONS, "options { kind?, shared? }") as { kind?: unknown; shared?: unknown };
  const checked = { kind, shared } as IssuerOptions;
  if (kind !== undefined && !isIssuerKind(kind)) {
    throw new WifValidationError(`${field}.kind`, `${quote(kind)} is not an issuer kind. Known kinds: ${ISSUER_KINDS.join(", ")}.`);
  }
  if (shared !== undefined && typeof shared !== "boolean") {
    throw new WifValidationError(`${field}.shared`, `expected true or false, got ${quote(shared)}.`);
  }
  return checked;
}
