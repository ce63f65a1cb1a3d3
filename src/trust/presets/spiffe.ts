import { issuerFromOption } from "../issuer";
import { Subject } from "../subject";
import type { TrustProps } from "../trust-props";
import { checkPresetOptions, checkSubjectPart, isPattern, NameRule, presetAudiences } from "./names";

/** Options of `Trust.spiffe`: one SPIFFE ID (or a pattern of them) from an OIDC discovery provider. */
export interface SpiffeTrustOptions {
  /** The JWT-SVID issuer (SPIRE OIDC discovery provider's `jwt_issuer`), e.g. `https://oidc.spire.example.com`. */
  readonly issuerUrl: string;
  /** The trust domain, e.g. `prod.example.com`. */
  readonly trustDomain: string;
  /** The workload path, e.g. `ns/payments/sa/deployer` (glob `*` allowed, judged by the rules). */
  readonly path: string;
  /** JWT-SVIDs always carry the audience the workload asks for. @default - each cloud's default (AWS has none: name it) */
  readonly audiences?: readonly string[];
}

const OPTIONS: readonly (keyof SpiffeTrustOptions)[] = ["issuerUrl", "trustDomain", "path", "audiences"];
// SPIFFE ID spec: trust domain [a-z0-9.-_], path segments [A-Za-z0-9.-_], no empty, "." or ".." segments.
const TRUST_DOMAIN: NameRule = {
  whole: /^[a-z0-9._-]{1,255}$/,
  char: /[a-z0-9._-]/,
  describe: "a trust domain is lowercase letters, digits, '.', '-' and '_'",
  example: "prod.example.com",
};
const PATH: NameRule = {
  whole: /^(?!.*(^|\/)\.{1,2}(\/|$))[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/,
  char: /[A-Za-z0-9._\-/]/,
  describe: "a SPIFFE path is '/'-separated segments of letters, digits, '.', '-' and '_' (no leading '/', no '.' or '..' segment)",
  example: "ns/payments/sa/deployer",
};

/** The `TrustProps` of `Trust.spiffe`: subject `spiffe://TRUST_DOMAIN/PATH`. */
export function spiffeTrustProps(options: SpiffeTrustOptions): TrustProps {
  const field = "spiffe";
  checkPresetOptions(field, options, OPTIONS, "{ issuerUrl, trustDomain, path }");
  const issuer = issuerFromOption(`${field}.issuerUrl`, options.issuerUrl, { kind: "spiffe" });
  const domain = checkSubjectPart(`${field}.trustDomain`, options.trustDomain, TRUST_DOMAIN);
  const path = checkSubjectPart(`${field}.path`, options.path, PATH);
  const sub = `spiffe://${domain}/${path}`;
  return {
    issuer,
    subject: isPattern(domain, path) ? Subject.like(sub) : Subject.exactly(sub),
    ...presetAudiences(field, options.audiences),
    claims: {},
    description: `SPIFFE ${sub}`,
  };
}

/** The `Trust` factories of this issuer kind, registered in `TRUST_PRESETS` (`src/trust/presets/index.ts`). */
export const SPIFFE_PRESETS = {
  /** A SPIFFE workload's JWT-SVID: `spiffe://TRUST_DOMAIN/PATH` from an OIDC discovery provider. */
  spiffe: spiffeTrustProps,
} as const;
