import fc from "fast-check";
import { Claim, Issuer, Subject, TokenClaims, Trust } from "../../src";

/**
 * Generators for the cross-cloud equivalence property: trusts of every preset and generic ones,
 * and tokens close to each trust's boundary (a matching token, then one small change).
 */

const owner = fc.constantFrom("octo", "octo-org", "Octo", "acme", "a1");
const repo = fc.constantFrom("app", "payments", "my.repo", "x_y", "a-b");
const branch = fc.constantFrom("main", "release-1", "feature/x", "dev");
const id = fc.constantFrom("1", "42", "1234567");

export const githubTrust: fc.Arbitrary<Trust> = fc
  .record({
    owner,
    repo,
    context: fc.oneof(
      branch.map((b) => ({ branch: b })),
      fc.constantFrom({ tag: "v1.0.0" }, { tag: "v*" }, { environment: "production" }, { environment: "prod:eu" }),
      fc.constantFrom({ pullRequest: true as const }, { anyRef: true as const }, { ref: "refs/heads/release-*" }),
    ),
    ownerId: fc.option(id, { nil: undefined }),
    repoId: fc.option(id, { nil: undefined }),
    immutable: fc.boolean(),
  })
  .map(({ owner: o, repo: r, context, ownerId, repoId, immutable }) =>
    Trust.githubActions({
      repository: `${o}/${r}`,
      ...context,
      ...(ownerId ? { repositoryOwnerId: ownerId } : {}),
      ...(repoId ? { repositoryId: repoId } : {}),
      ...(immutable && ownerId && repoId ? { immutableSubject: true } : {}),
    }),
  );

export const gitlabTrust: fc.Arbitrary<Trust> = fc
  .record({
    path: fc.constantFrom("group/app", "group/sub/app", "g.x/app"),
    ref: fc.oneof(
      fc.constantFrom("main", "release-*").map((ref) => ({ refType: "branch" as const, ref })),
      fc.constant({ anyRef: true as const }),
    ),
    projectId: fc.option(id, { nil: undefined }),
  })
  .map(({ path, ref, projectId }) => Trust.gitlab({ projectPath: path, ...ref, ...(projectId ? { projectId } : {}), audiences: ["https://gitlab.com"] }));

export const kubernetesTrust: fc.Arbitrary<Trust> = fc
  .record({ ns: fc.constantFrom("ci", "prod", "p*"), sa: fc.constantFrom("deployer", "d-1") })
  .map(({ ns, sa }) => Trust.kubernetes({ issuerUrl: "https://oidc.eks.eu-west-1.amazonaws.com/id/ABC123", namespace: ns, serviceAccount: sa }));

export const terraformCloudTrust: fc.Arbitrary<Trust> = fc
  .record({ ws: fc.constantFrom("prod", "staging", "p-1"), phase: fc.constantFrom("plan" as const, "apply" as const, "any" as const) })
  .map(({ ws, phase }) => Trust.terraformCloud({ organization: "acme", project: "infra", workspace: ws, runPhase: phase }));

const subjectValue = fc.constantFrom("svc:a", "svc:a.b", "svc:(x)", "svc:it's", "svc:a\\b", "svc:$x", "svc:é");
export const genericTrust: fc.Arbitrary<Trust> = fc
  .record({
    exact: fc.uniqueArray(subjectValue, { minLength: 0, maxLength: 3 }),
    like: fc.uniqueArray(fc.constantFrom("svc:a*", "svc:?b", "job:*:deploy", "svc:(x)*"), { minLength: 0, maxLength: 2 }),
    claim: fc.option(fc.constantFrom(Claim.equals("blue"), Claim.anyOf(["blue", "green"]), Claim.like("team-*")), { nil: undefined }),
  })
  .filter(({ exact, like }) => exact.length + like.length > 0)
  .map(
    ({ exact, like, claim }) =>
      new Trust({
        issuer: Issuer.fromUrl("https://idp.example.com/oidc"),
        subject: Subject.anyOf([...exact, ...like.map((p) => Subject.like(p))]),
        audiences: ["wif-test"],
        ...(claim ? { claims: { team: claim } } : {}),
      }),
  );

export const anyTrust: fc.Arbitrary<Trust> = fc.oneof(githubTrust, gitlabTrust, kubernetesTrust, terraformCloudTrust, genericTrust);

/** A string that matches a glob pattern: each `*` becomes a short run, each `?` one character. */
function instantiate(pattern: string): fc.Arbitrary<string> {
  const parts = pattern.split(/([*?])/);
  return fc
    .tuple(...parts.map((p) => (p === "*" ? fc.constantFrom("", "x", "main", "a/b:c", "-evil") : p === "?" ? fc.constantFrom("x", "1", ":") : fc.constant(p))))
    .map((ps) => ps.join(""));
}

/** A value that matches one alternative of a subject or claim condition. */
function matchingValue(condition: Subject | Claim): fc.Arbitrary<string> {
  return fc.oneof(...condition.alternatives.map((a) => (a.kind === "exact" ? fc.constant(a.value) : instantiate(a.pattern))));
}

/** One small change to a string, as an attacker or a typo would make it. */
function mutate(value: string): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constant(value),
    fc.nat({ max: Math.max(0, value.length - 1) }).map((i) => value.slice(0, i) + value.charAt(i).toUpperCase() + value.slice(i + 1)),
    fc.nat({ max: Math.max(0, value.length - 1) }).map((i) => value.slice(0, i) + value.charAt(i).toLowerCase() + value.slice(i + 1)),
    fc.constantFrom(":x", "-evil", "/x", "x", " ").map((s) => value + s),
    fc.nat({ max: Math.max(0, value.length - 1) }).map((i) => value.slice(0, i) + value.slice(i + 1)),
    fc.constant(value.replace(/^(repo:[^/@]+)/, "$1-evil")), // owner prefix: octo -> octo-evil
    fc.constant(value.replace(/^repo:[^/@]+/, "repo:other")), // other owner
    fc.constant(value.replace(/refs\/heads\/[^:]*$/, "refs/heads/dev")), // other branch
    fc.constant(value.replace(/:[^:]*$/, ":pull_request")), // other context
  );
}

/**
 * Claims a real issuer derives from the same facts as the subject, so a real token never disagrees
 * with its subject on them: GitHub writes the owner and repository ids into the immutable subject
 * form `repo:OWNER@OWNERID/REPO@REPOID:...` and into the `repository_owner_id` / `repository_id`
 * claims alike. (Claims the trust constrains are generated, and possibly mutated, separately.)
 */
function issuerFacts(iss: string, sub: string): Record<string, string> {
  if (!iss.startsWith("https://token.actions.")) return {};
  const ids = /^repo:[^:@/]+@([0-9]+)\/[^:@/]+@([0-9]+):/.exec(sub);
  return ids ? { repository_owner_id: ids[1], repository_id: ids[2] } : {};
}

/** Tokens near the trust's boundary: a matching token, then at most one change to iss, sub, aud or a claim. */
export function tokenNear(trust: Trust, audiences: readonly string[]): fc.Arbitrary<TokenClaims> {
  const claimNames = Object.keys(trust.claims);
  const matching = fc.record({
    sub: matchingValue(trust.subject),
    aud: fc.constantFrom<unknown>(...audiences),
    claims: fc.tuple(...claimNames.map((name) => matchingValue(trust.claims[name]).map((v) => [name, v as string | undefined] as const))),
  });
  const target = fc.constantFrom("none", "none", "none", "sub", "sub", "sub", "iss", "aud", "claim");
  return fc.tuple(matching, target).chain(([base, what]) => {
    const iss = trust.issuer.url;
    switch (what) {
      case "sub":
        return mutate(base.sub).map((sub) => toToken(iss, { ...base, sub }));
      case "iss":
        return fc.constantFrom(`${iss}/`, iss.toUpperCase(), "https://idp.evil.example").map((other) => toToken(other, base));
      case "aud":
        return fc
          .constantFrom<unknown>("other-aud", undefined, "sts.amazonaws.com", "api://AzureADTokenExchange", [...audiences, "x"])
          .map((aud) => toToken(iss, { ...base, aud }));
      case "claim":
        if (claimNames.length === 0) return fc.constant(toToken(iss, base));
        return fc
          .nat({ max: claimNames.length - 1 })
          .chain((i) =>
            fc
              .oneof(mutate(base.claims[i][1] as string), fc.constant(undefined))
              .map((v) => toToken(iss, { ...base, claims: base.claims.map((c, j) => (j === i ? ([c[0], v] as const) : c)) })),
          );
      default:
        return fc.constant(toToken(iss, base));
    }
  });
}

function toToken(
  iss: string,
  parts: { readonly sub: string; readonly aud: unknown; readonly claims: readonly (readonly [string, string | undefined])[] },
): TokenClaims {
  const token: Record<string, unknown> = { iss, sub: parts.sub, ...issuerFacts(iss, parts.sub) };
  if (parts.aud !== undefined) token.aud = parts.aud;
  for (const [name, value] of parts.claims) if (value !== undefined) token[name] = value;
  return token;
}
