import { Issuer, lintTrust, Subject, Trust } from "../../src";
import { classifyIssuerUrl } from "../../src/trust";

describe("Issuer.fromUrl", () => {
  test.each([
    ["https://token.actions.githubusercontent.com", "github-actions", true],
    ["https://token.actions.githubusercontent.com/octo-enterprise", "github-actions", true],
    ["https://token.actions.octo.ghe.com", "github-actions", true],
    ["https://gitlab.com", "gitlab", true],
    ["https://app.terraform.io", "terraform-cloud", true],
    ["https://app.eu.terraform.io", "terraform-cloud", true],
    ["https://agent.buildkite.com", "buildkite", true],
    ["https://oidc.eks.eu-west-1.amazonaws.com/id/ABC123", "kubernetes", false],
    ["https://container.googleapis.com/v1/projects/p/locations/europe-west1/clusters/c", "kubernetes", false],
    ["https://oidc.circleci.com/org/0d2f8c2a-1111-2222-3333-444455556666", "circleci", false],
    ["https://idp.example.com", "generic", false],
  ])("%s is %s (shared: %s)", (url, kind, shared) => {
    const issuer = Issuer.fromUrl(url);
    expect(issuer.kind).toBe(kind);
    expect(issuer.shared).toBe(shared);
    expect(issuer.url).toBe(url);
    expect(issuer.hostAndPath).toBe(url.slice("https://".length));
  });

  test.each([
    "https://eastus.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000001/00000000-0000-0000-0000-000000000002/",
    "https://eastus.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000001/00000000-0000-0000-0000-000000000002",
  ])("an AKS issuer is kubernetes, with or without its trailing slash: %s", (url) => {
    const issuer = Issuer.fromUrl(url);
    expect([issuer.kind, issuer.shared, issuer.url, issuer.hostAndPath]).toEqual(["kubernetes", false, url, url.slice("https://".length)]);
  });

  test("Trust.kubernetes takes an AKS issuer as written", () => {
    const trust = Trust.kubernetes({
      issuerUrl: "https://eastus.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000001/00000000-0000-0000-0000-000000000002/",
      namespace: "ci",
      serviceAccount: "deployer",
    });
    expect(trust.issuer.url).toBe("https://eastus.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000001/00000000-0000-0000-0000-000000000002/");
    expect(
      trust.accepts(
        {
          iss: "https://eastus.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000001/00000000-0000-0000-0000-000000000002/",
          sub: "system:serviceaccount:ci:deployer",
          aud: "api://AzureADTokenExchange",
        },
        "azure",
      ),
    ).toBe(true);
  });

  test("an explicit kind (self-managed GitLab) is not a shared issuer", () => {
    const issuer = Issuer.fromUrl("https://gitlab.example.com", { kind: "gitlab" });
    expect(issuer.kind).toBe("gitlab");
    expect(issuer.shared).toBe(false);
  });

  test.each([
    [
      "http://token.actions.githubusercontent.com",
      'Issuer.fromUrl: "http://token.actions.githubusercontent.com" is not an https:// URL. Clouds fetch the issuer\'s keys over TLS and compare "iss" literally; use the https:// issuer URL.',
    ],
    [
      "https://token.actions.githubusercontent.com/",
      'Issuer.fromUrl: "https://token.actions.githubusercontent.com/" ends with "/". Tokens\' "iss" normally has no trailing slash and clouds compare it literally (AWS condition keys and GCP issuer_uri would not match). Remove the trailing slash: "https://token.actions.githubusercontent.com". AKS cluster issuers (https://<region>.oic.prod-aks.azure.com/<tenant>/<cluster>/) are accepted with their slash.',
    ],
    [
      "https://eastus.oic.prod-aks.azure.com/tenant/cluster//",
      'Issuer.fromUrl: "https://eastus.oic.prod-aks.azure.com/tenant/cluster//" ends with "/". Tokens\' "iss" normally has no trailing slash and clouds compare it literally (AWS condition keys and GCP issuer_uri would not match). Remove the trailing slash: "https://eastus.oic.prod-aks.azure.com/tenant/cluster". AKS cluster issuers (https://<region>.oic.prod-aks.azure.com/<tenant>/<cluster>/) are accepted with their slash.',
    ],
    [
      "https://*.githubusercontent.com",
      'Issuer.fromUrl: "https://*.githubusercontent.com" contains a wildcard, template or whitespace. An issuer is one exact URL: give the value of the tokens\' "iss" claim.',
    ],
    [
      "https://${var.issuer}",
      'Issuer.fromUrl: "https://${var.issuer}" contains a wildcard, template or whitespace. An issuer is one exact URL: give the value of the tokens\' "iss" claim.',
    ],
    [
      "https://idp.example.com/x?y=1",
      'Issuer.fromUrl: "https://idp.example.com/x?y=1" contains a wildcard, template or whitespace. An issuer is one exact URL: give the value of the tokens\' "iss" claim.',
    ],
    ["https://user:pw@idp.example.com", 'Issuer.fromUrl: "https://user:pw@idp.example.com" has credentials, a query or a fragment. Give the bare issuer URL.'],
    [
      "https://IDP.example.com",
      'Issuer.fromUrl: "https://IDP.example.com" has a host that is not in canonical form ("idp.example.com"). Write the host in lowercase, without a default port or a trailing dot.',
    ],
    ["", 'Issuer.fromUrl: expected the issuer URL as a string, got "".'],
  ])("refuses %j", (url, message) => {
    expect(() => Issuer.fromUrl(url)).toThrow(message);
  });

  test("GitHub issuer helpers", () => {
    expect(Issuer.githubActions().url).toBe("https://token.actions.githubusercontent.com");
    expect(Issuer.githubActions({ enterprise: "octo-ent" }).url).toBe("https://token.actions.githubusercontent.com/octo-ent");
    expect(Issuer.githubActions({ gheSubdomain: "octo" }).url).toBe("https://token.actions.octo.ghe.com");
    expect(() => Issuer.githubActions({ enterprise: "a", gheSubdomain: "b" })).toThrow(/set either enterprise/);
    expect(() => Issuer.githubActions({ enterprise: "Octo Ent" })).toThrow(/is not an enterprise slug/);
  });

  test("issuers are immutable", () => {
    const issuer = Issuer.fromUrl("https://gitlab.com");
    expect(Object.isFrozen(issuer)).toBe(true);
  });
});

describe("Issuer.fromUrl options (a known issuer keeps its kind and sharedness)", () => {
  test.each([
    [
      "https://token.actions.githubusercontent.com",
      { kind: "generic" },
      'Issuer.fromUrl.kind: "https://token.actions.githubusercontent.com" is a github-actions issuer; kind "generic" would read its subjects with the wrong grammar and hide findings. Omit kind (or give "github-actions").',
    ],
    ["https://gitlab.com", { kind: "kubernetes" }, 'Issuer.fromUrl.kind: "https://gitlab.com" is a gitlab issuer; kind "kubernetes"'],
    [
      "https://oidc.eks.eu-west-1.amazonaws.com/id/ABC123",
      { kind: "generic" },
      'Issuer.fromUrl.kind: "https://oidc.eks.eu-west-1.amazonaws.com/id/ABC123" is a kubernetes issuer',
    ],
    [
      "https://token.actions.githubusercontent.com",
      { shared: false },
      'Issuer.fromUrl.shared: "https://token.actions.githubusercontent.com" is shared by every github-actions tenant: anyone can get a token from it, so it cannot be declared private. Omit shared.',
    ],
    ["https://app.terraform.io", { kind: "terraform-cloud", shared: false }, "Issuer.fromUrl.shared:"],
    [
      "https://idp.example.com",
      { kind: "gitlb" },
      'Issuer.fromUrl.kind: "gitlb" is not an issuer kind. Known kinds: github-actions, gitlab, terraform-cloud, kubernetes, buildkite, circleci, bitbucket, azure-devops, spiffe, generic.',
    ],
    ["https://idp.example.com", { shared: "false" }, 'Issuer.fromUrl.shared: expected true or false, got "false".'],
    ["https://idp.example.com", { kind: "gitlab", sharde: true }, 'Issuer.fromUrl.sharde: unknown option "sharde". Known options: kind, shared.'],
    ["https://idp.example.com", null, "Issuer.fromUrl.options: expected options { kind?, shared? }, got null."],
    ["https://idp.example.com", "gitlab", 'Issuer.fromUrl.options: expected options { kind?, shared? }, got "gitlab".'],
  ])("%s with %j is refused", (url, options, message) => {
    expect(() => Issuer.fromUrl(url, options as never)).toThrow(message);
  });

  test.each([
    ["https://token.actions.githubusercontent.com", { kind: "github-actions" }, "github-actions", true],
    ["https://token.actions.githubusercontent.com", { shared: true }, "github-actions", true],
    ["https://gitlab.example.com", { kind: "gitlab", shared: true }, "gitlab", true],
    ["https://idp.example.com", { shared: true }, "generic", true],
    ["https://spire.example.com", { kind: "spiffe" }, "spiffe", false],
  ])("%s with %j is %s (shared: %s)", (url, options, kind, shared) => {
    const issuer = Issuer.fromUrl(url, options as never);
    expect([issuer.kind, issuer.shared]).toEqual([kind, shared]);
  });

  test.each([
    ["https://token.actions.githubusercontent.com.", "has a host that is not in canonical form"],
    ["https://gitlab.com.", "without a default port or a trailing dot"],
    ["https://app.terraform.io.", "has a host that is not in canonical form"],
    ["https://gitlab.com/.", 'has a path that is not in canonical form ("/")'],
    ["https://gitlab.com/%2e", 'has a path that is not in canonical form ("/")'],
    ["https://token.actions.githubusercontent.com/./octo", 'has a path that is not in canonical form ("/octo")'],
    ["https://token.actions.githubusercontent.com/a/../octo", 'has a path that is not in canonical form ("/octo")'],
    ["https://token.actions.githubusercontent.com/\u00f6cto", "has a path that is not in canonical form"],
  ])("a shared issuer spelled another way cannot become a private generic one: %s is refused", (url, message) => {
    expect(() => Issuer.fromUrl(JSON.parse(`"${url}"`))).toThrow(message);
  });

  test.each([
    ["gitlab.com.", "gitlab"],
    ["GitLab.com", "gitlab"],
    ["gitlab.com:443", "gitlab"],
    ["TOKEN.actions.githubusercontent.com.:443/octo", "github-actions"],
    ["app.terraform.io.", "terraform-cloud"],
  ])("the lint readers classify %s (from Terraform) as the shared %s issuer its servers are", (hostAndPath, kind) => {
    expect(classifyIssuerUrl(hostAndPath)).toMatchObject({ kind, shared: true });
  });

  test.each([
    ["kind", { kind: "gitlab" }, "bogus", ["gitlab", false]],
    ["kind", { kind: "spiffe" }, undefined, ["spiffe", false]],
    ["shared", { shared: true }, false, ["generic", true]],
  ])("options are read once: a %s getter cannot pass the checks with one value and build with another", (key, first, later, expected) => {
    let reads = 0;
    const options = Object.defineProperty({}, key, {
      enumerable: true,
      get: () => (++reads === 1 ? (first as Record<string, unknown>)[key as string] : later),
    });
    const issuer = Issuer.fromUrl("https://idp.example.com", options as never);
    expect([issuer.kind, issuer.shared]).toEqual(expected);
    expect(reads).toBe(1);
  });

  test("the construct gate cannot be switched off by naming another kind: repo:* stays critical", () => {
    expect(() => Issuer.fromUrl("https://token.actions.githubusercontent.com", { kind: "generic" })).toThrow();
    const trust = new Trust({ issuer: Issuer.fromUrl("https://token.actions.githubusercontent.com", { shared: true }), subject: Subject.like("repo:*") });
    expect(lintTrust(trust).map((f) => f.rule)).toContain("WIF002");
  });
});
