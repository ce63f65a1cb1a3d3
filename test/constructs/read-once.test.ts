import { Testing } from "cdktf";
import type { Construct } from "constructs";
import { AwsWorkloadIdentityRole } from "../../src/constructs/aws";
import { AzureAppFederatedCredential, AzureFederatedIdentity } from "../../src/constructs/azure";
import { FederatedWorkload } from "../../src/constructs/federated-workload";
import { GcpWorkloadIdentity } from "../../src/constructs/gcp";
import { Claim, Issuer, Subject, Trust, WifValidationError } from "../../src/trust";
import { allProvidersStack } from "./all-providers-stack";

/*
 * A JavaScript caller can hand a construct a value that answers differently on each read: a getter on
 * the props, a Proxy, or an object made with Object.create(Trust.prototype) (which passes instanceof).
 * If the gate read the narrow answer and a compiler the broad one, `repo:*` would reach the cloud
 * while the gate reported nothing. Every such value must be read once: the construct either refuses
 * the broad trust or writes the narrow one, never the broad one unrefused.
 */

const GITHUB = "https://token.actions.githubusercontent.com";
const AUD = ["sts.amazonaws.com", "api://AzureADTokenExchange"];
const NARROW_SUB = "repo:octo/app:environment:production";
const narrow = new Trust({ issuer: Issuer.fromUrl(GITHUB), subject: Subject.exactly(NARROW_SUB), audiences: AUD });
const broad = new Trust({ issuer: Issuer.fromUrl(GITHUB), subject: Subject.like("repo:*"), audiences: AUD });

/** Answers `a` on the read numbered `k` (from 1) and `b` on every other read. */
function flip<T>(k: number, a: T, b: T): () => T {
  let reads = 0;
  return () => (++reads === k ? a : b);
}

type Attack = (k: number) => Trust | { trustGetter: () => Trust };

const ATTACKS: readonly [string, Attack][] = [
  ["a getter on the props' trust", (k) => ({ trustGetter: flip(k, broad, narrow) })],
  [
    "Object.create(Trust.prototype) with a subject getter",
    (k) => {
      const get = flip(k, broad.subject, narrow.subject);
      return Object.create(Trust.prototype, {
        issuer: { value: narrow.issuer, enumerable: true },
        subject: { get, enumerable: true },
        audiences: { value: AUD, enumerable: true },
        claims: { value: {}, enumerable: true },
        description: { value: "look-alike", enumerable: true },
      }) as Trust;
    },
  ],
  [
    "a Proxy of a trust answering a different subject",
    (k) => {
      const get = flip(k, broad.subject, narrow.subject);
      return new Proxy(Object.create(Trust.prototype) as Trust, {
        get: (_t, key) => (key === "subject" ? get() : Reflect.get(narrow, key)),
      });
    },
  ],
  [
    "Object.create(Subject.prototype) with an alternatives getter",
    (k) => {
      const subject = Object.create(Subject.prototype, {
        alternatives: { get: flip(k, broad.subject.alternatives, narrow.subject.alternatives), enumerable: true },
      }) as Subject;
      return new Trust({ issuer: narrow.issuer, subject, audiences: AUD });
    },
  ],
  [
    "a Proxy of a subject answering different patterns",
    (k) => {
      const patterns = flip(k, ["repo:*"], [] as string[]);
      const exact = flip(k, [] as string[], [NARROW_SUB]);
      const isExact = flip(k, false, true);
      const subject = new Proxy(narrow.subject, {
        get: (t, key) => (key === "patterns" ? patterns() : key === "exactValues" ? exact() : key === "isExact" ? isExact() : Reflect.get(t, key)),
      });
      return new Trust({ issuer: narrow.issuer, subject, audiences: AUD });
    },
  ],
  [
    "Object.create(Issuer.prototype) whose kind and sharedness change",
    (k) => {
      const kind = flip(k, "generic", "github-actions");
      const shared = flip(k, false, true);
      const issuer = Object.create(Issuer.prototype, {
        url: { value: GITHUB, enumerable: true },
        hostAndPath: { value: GITHUB.slice(8), enumerable: true },
        kind: { get: kind, enumerable: true },
        shared: { get: shared, enumerable: true },
      }) as Issuer;
      return new Trust({ issuer, subject: Subject.like("repo:*"), audiences: AUD });
    },
  ],
];

type Build = (s: Construct, props: object) => void;
const CLOUDS: readonly [string, object, Build][] = [
  ["AwsWorkloadIdentityRole", {}, (s, p) => new AwsWorkloadIdentityRole(s, "w", p as never)],
  ["GcpWorkloadIdentity", { project: "acme-prod", projectNumber: "123456789012", poolId: "ci-pool" }, (s, p) => new GcpWorkloadIdentity(s, "w", p as never)],
  ["AzureFederatedIdentity", { resourceGroupName: "rg-ci", location: "westeurope" }, (s, p) => new AzureFederatedIdentity(s, "w", p as never)],
  ["AzureAppFederatedCredential", { displayName: "octo-app" }, (s, p) => new AzureAppFederatedCredential(s, "w", p as never)],
  [
    "FederatedWorkload",
    { aws: {}, gcp: { project: "acme-prod", projectNumber: "123456789012", poolId: "ci-pool" } },
    (s, p) => new FederatedWorkload(s, "w", p as never),
  ],
];

/** "refused" when the construct threw a WifValidationError, else the synthesized JSON. */
function outcome(base: object, build: Build, make: () => Trust | { trustGetter: () => Trust }): string {
  const stack = allProvidersStack();
  const props = { ...base };
  try {
    const attack = make();
    if (attack instanceof Trust) Object.assign(props, { trust: attack });
    else Object.defineProperty(props, "trust", { get: attack.trustGetter, enumerable: true });
    build(stack, props);
    return Testing.synth(stack);
  } catch (err) {
    if (err instanceof WifValidationError) return "refused";
    throw err;
  }
}

describe("constructs read every trust value once: the gate judges what the compilers write", () => {
  const cases = ATTACKS.flatMap(([attack, make]) =>
    CLOUDS.flatMap(([cloud, base, build]) => [1, 2, 3, 4, 5, 6].map((k) => [attack, cloud, k, make, base, build] as const)),
  );
  it.each(cases)("%s, %s, broad answer on read %d: refused or narrow", (_attack, _cloud, k, make, base, build) => {
    const result = outcome(base, build, () => make(k));
    if (result !== "refused") expect(result).not.toContain("repo:*");
  });

  it("subjects, claims and their alternatives are frozen", () => {
    for (const c of [Subject.exactly(NARROW_SUB), Subject.anyOf(["a:b", Subject.like("a:*")]), Claim.equals("1"), Claim.like("x*")]) {
      expect(Object.isFrozen(c)).toBe(true);
      expect(c.alternatives.every((a) => Object.isFrozen(a))).toBe(true);
      expect(() => Object.defineProperty(c, "alternatives", { get: () => [] })).toThrow(TypeError);
    }
  });

  it("a look-alike subject is rebuilt and validated like any other", () => {
    const subject = Object.create(Subject.prototype, { alternatives: { value: [{ kind: "like", pattern: "*" }] } }) as Subject;
    expect(() => new Trust({ issuer: narrow.issuer, subject })).toThrow(/matches every value/);
  });
});
