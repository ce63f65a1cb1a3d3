import * as fs from "fs";
import * as path from "path";
import { classifyIssuerUrl, issuerHostPath, ISSUER_KINDS, ISSUER_PROFILES, kindFromSubjects, profileOf } from "../../../src/trust/issuers";

describe("issuer profile registry", () => {
  it.each(ISSUER_KINDS)("%s: the profile is filed under its own kind", (kind) => {
    expect(profileOf(kind).kind).toBe(kind);
  });

  it.each(ISSUER_KINDS.flatMap((kind) => profileOf(kind).urls.map((u) => [kind, u.example, u.shared] as const)))(
    "%s: its example URL %s is recognised as its kind (shared: %s)",
    (kind, example, shared) => {
      const got = classifyIssuerUrl(example.slice("https://".length));
      expect([got.kind, got.shared]).toEqual([kind, shared]);
    },
  );

  it("no URL family is claimed by two kinds", () => {
    for (const kind of ISSUER_KINDS) {
      for (const url of profileOf(kind).urls) {
        const others = ISSUER_KINDS.filter((k) => k !== kind && profileOf(k).urls.some((u) => u.hostAndPath.test(url.example.slice("https://".length))));
        expect(others).toEqual([]);
      }
    }
  });

  it.each(ISSUER_KINDS)("%s: every grammar starts with a literal and names at most one tenant field", (kind) => {
    for (const g of profileOf(kind).grammars) {
      expect(g.fields[0].lead.length).toBeGreaterThan(0);
      expect(g.fields.filter((f) => f.role === "tenant").length).toBeLessThanOrEqual(1);
    }
  });

  it.each(ISSUER_KINDS)("%s: shared issuers have a tenant field to pin", (kind) => {
    const p = profileOf(kind);
    if (p.urls.some((u) => u.shared)) expect(p.grammars.every((g) => g.fields.some((f) => f.role === "tenant"))).toBe(true);
  });

  it("kinds follow the registry", () => {
    expect(ISSUER_KINDS).toEqual(Object.keys(ISSUER_PROFILES));
  });

  it.each([
    [["spiffe://prod.acme.com/ns/ci/sa/deployer"], "spiffe"],
    [["spiffe://prod.acme.com/a", "spiffe://prod.acme.com/b"], "spiffe"],
    [["spiffe://prod.acme.com/a", "repo:octo/app:*"], undefined],
    [[], undefined],
  ])("kindFromSubjects(%j) = %s", (values, kind) => {
    expect(kindFromSubjects(values)).toBe(kind);
  });

  it.each(ISSUER_KINDS)("%s: says its inventory words (a name, nouns, a phrase for every context, the claims naming a family)", (kind) => {
    const words = profileOf(kind).inventory;
    expect(words.name("https://issuer.example").length).toBeGreaterThan(0);
    expect([words.tenant.length > 0, words.repository.length > 0]).toEqual([true, true]);
    expect(words.context("*")).toMatch(/^, \S/);
  });
});

// Issuer knowledge lives in the profiles: no code outside src/trust/issuers/ (and the presets, which
// build one kind each) compares an issuer kind with a literal.
test("no switch or comparison on an issuer kind outside the profiles", () => {
  const src = path.join(__dirname, "..", "..", "..", "src");
  const kinds = ISSUER_KINDS.filter((k) => k !== "generic")
    .map((k) => k.replace(/-/g, "\\-"))
    .join("|");
  const comparison = new RegExp(`(?:\\bkind\\s*[!=]==\\s*"(?:${kinds})"|"(?:${kinds})"\\s*[!=]==\\s*[\\w.]*kind\\b)`);
  const switchOnKind = /switch\s*\([\w.]*kind\)/;
  const caseOfKind = new RegExp(`case\\s+"(?:${kinds})"\\s*:`);
  const offenders: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      const rel = path.relative(src, file).split(path.sep).join("/");
      if (entry.isDirectory()) {
        if (rel !== "trust/issuers" && rel !== "trust/presets") walk(file);
      } else if (file.endsWith(".ts")) {
        const text = fs.readFileSync(file, "utf8");
        const switches = switchOnKind.test(text);
        text.split("\n").forEach((line, i) => {
          const code = !/^\s*(\/\/|\*)/.test(line);
          if (code && (comparison.test(line) || (switches && caseOfKind.test(line)))) offenders.push(`src/${rel}:${i + 1}: ${line.trim()}`);
        });
      }
    }
  };
  walk(src);
  expect(offenders).toEqual([]);
});

describe("issuerHostPath: an issuer URL as the readers compare it", () => {
  it.each([
    ["https://token.actions.githubusercontent.com", "token.actions.githubusercontent.com"],
    ["HTTPS://gitlab.example.com/gitlab/", "gitlab.example.com/gitlab"],
    ["https://oidc.circleci.com/org/abc//", "oidc.circleci.com/org/abc"],
    // Only a leading scheme and trailing slashes go; a bare host and inner slashes stay.
    ["gitlab.com", "gitlab.com"],
    ["host.example.com/a://b/c", "host.example.com/a://b/c"],
  ])("%s is %s", (url, hostPath) => {
    expect(issuerHostPath(url)).toBe(hostPath);
  });
});
