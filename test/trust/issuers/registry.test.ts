import { classifyIssuerUrl, ISSUER_KINDS, ISSUER_PROFILES, kindFromSubjects, profileOf } from "../../../src/trust/issuers";

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
});
