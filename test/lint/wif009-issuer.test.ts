import type { TrustFacts } from "../../src/lint/facts";
import { WIF009 } from "../../src/lint/rules/wif009-issuer";
import { eq, facts, ruleHits } from "./helpers";

/** Facts of one statement with an exact subject, under the given issuer references. */
const withIssuer = (kind: TrustFacts["issuer"]["kind"], ...references: [where: string, value: string][]): TrustFacts =>
  facts({
    issuer: { kind, shared: false, references: references.map(([where, value]) => ({ where, value })) },
    checks: [eq("sub", "system:serviceaccount:ci:deployer")],
  });

const M = WIF009.meta.messages;
type Expected = { value: string; risk: string; fix: string };
const one = (value: string, where: string, m: typeof M.plainHttp | typeof M.wildcard | typeof M.notHttps | typeof M.trailingSlash): Expected => ({
  value,
  risk: m.risk({ value, where }),
  fix: m.fix({ value, where }),
});
const pair = (value: string, where: string, other: string, otherWhere: string): Expected => {
  const d = { value, where, other, otherWhere };
  return { value, risk: M.slashMismatch.risk(d), fix: M.slashMismatch.fix(d) };
};
const differs = (first: string, firstWhere: string, value: string, where: string): Expected => {
  const d = { first, firstWhere, value, where };
  return { value, risk: M.differentIssuers.risk(d), fix: M.differentIssuers.fix(d) };
};
const hits = (facts: TrustFacts) => ruleHits("WIF009", facts);

describe("WIF009 reads each issuer reference", () => {
  it.each<[string, TrustFacts, Expected[]]>([
    ["plain http", withIssuer("generic", ["url", "http://issuer.example.com"]), [one("http://issuer.example.com", "url", M.plainHttp)]],
    ["plain http, upper-case scheme", withIssuer("generic", ["url", "HTTP://issuer.example.com"]), [one("HTTP://issuer.example.com", "url", M.plainHttp)]],
    ["https with http:// later in its path", withIssuer("generic", ["url", "https://proxy.example.com/http://issuer"]), []],
    ["a wildcard", withIssuer("generic", ["url", "https://*.example.com"]), [one("https://*.example.com", "url", M.wildcard)]],
    ["another scheme", withIssuer("generic", ["url", "ftp://issuer.example.com"]), [one("ftp://issuer.example.com", "url", M.notHttps)]],
    [
      "another scheme with https:// later in its path",
      withIssuer("generic", ["url", "ftp://mirror.example.com/https://issuer"]),
      [one("ftp://mirror.example.com/https://issuer", "url", M.notHttps)],
    ],
    ["no scheme, with :// later in its path", withIssuer("generic", ["url", "issuer.example.com/ftp://mirror"]), []],
    ["no scheme, :// later and a trailing slash", withIssuer("generic", ["url", "issuer.example.com/ftp://mirror/"]), []],
    ["a whole template: read as unknown (WIF011), not here", withIssuer("generic", ["url", "${var.private ? var.a : var.b}"]), []],
    ["http before a template", withIssuer("generic", ["url", "http://${var.host}"]), [one("http://${var.host}", "url", M.plainHttp)]],
    ["a wildcard after a template", withIssuer("generic", ["url", "${var.base}/*"]), [one("${var.base}/*", "url", M.wildcard)]],
  ])("%s", (_name, facts, expected) => {
    expect(hits(facts)).toEqual(expected);
  });
});

describe("WIF009 compares the references with each other", () => {
  const GH = "https://token.actions.githubusercontent.com";
  it.each<[string, TrustFacts, Expected[]]>([
    ["the same issuer twice", withIssuer("github-actions", ["url", GH], ["keys", GH]), []],
    // A reference with an unknown part names no host: it is not compared (it is still read alone).
    ["a reference with an unknown host", withIssuer("github-actions", ["url", GH], ["keys", "https://${var.host}"]), []],
    ["a plain-http reference with an unknown host", withIssuer("generic", ["url", "http://${var.host}"]), [one("http://${var.host}", "url", M.plainHttp)]],
    ["a `*` inside an unknown part is no wildcard", withIssuer("generic", ["url", 'https://${var.a ? "x" : "*"}.example.com']), []],
    ["a written `*` beside an unknown part is", withIssuer("generic", ["url", "https://${var.a}/*"]), [one("https://${var.a}/*", "url", M.wildcard)]],
    ["the same issuer in another case", withIssuer("github-actions", ["url", GH], ["keys", "HTTPS://Token.Actions.GitHubUserContent.com"]), []],
    ["another issuer", withIssuer("github-actions", ["url", GH], ["keys", "https://gitlab.com"]), [differs(GH, "url", "https://gitlab.com", "keys")]],
    [
      "another issuer after one with a path and two trailing slashes (the fix quotes its host and path)",
      withIssuer("generic", ["url", "https://issuer.example.com/oidc//"], ["keys", GH]),
      [differs("https://issuer.example.com/oidc//", "url", GH, "keys")],
    ],
    [
      "a non-https reference is not compared",
      withIssuer("generic", ["url", "https://a.example.com"], ["keys", "ftp://b.example.com"]),
      [one("ftp://b.example.com", "keys", M.notHttps)],
    ],
    [
      "a path with and without its trailing slash",
      withIssuer("generic", ["url", "https://issuer.example.com/tenant/"], ["keys", "https://issuer.example.com/tenant"]),
      [pair("https://issuer.example.com/tenant/", "url", "https://issuer.example.com/tenant", "keys")],
    ],
    [
      "two trailing slashes on one side",
      withIssuer("generic", ["url", "https://issuer.example.com//"], ["keys", "https://issuer.example.com"]),
      [pair("https://issuer.example.com//", "url", "https://issuer.example.com", "keys")],
    ],
    ["a GitHub issuer with a trailing slash", withIssuer("github-actions", ["url", `${GH}/`]), [one(`${GH}/`, "url", M.trailingSlash)]],
    [
      "a generic issuer with its trailing slash everywhere",
      withIssuer("generic", ["url", "https://issuer.example.com/"], ["keys", "https://issuer.example.com/"]),
      [],
    ],
  ])("%s", (_name, facts, expected) => {
    expect(hits(facts)).toEqual(expected);
  });

  it("quotes the first issuer's host and path, without scheme or trailing slashes, in the fix", () => {
    const [f] = hits(withIssuer("generic", ["url", "https://issuer.example.com/oidc//"], ["keys", GH]));
    expect(f.fix).toBe('Spell every reference with the provider\'s issuer, e.g. condition keys "issuer.example.com/oidc:sub".');
  });
});
