/**
 * GCP members are read through the provider's attribute_mapping: `principal://.../subject/X` checks
 * the claim `google.subject` is mapped from, `principalSet://.../attribute.NAME/X` the claim NAME is
 * mapped from. A member no token of the provider can match grants nothing: it is reported as broken
 * (WIF007), never judged as a way in (no WIF003 from the condition beside it).
 */
import { lintFacts } from "../../src/lint/engine";
import { extractTrustFacts, resourcesFromTerraformJson } from "../../src/terraform/extract";
import { gcpConfig, POOL_PREFIX, POOL_SUBJECT_PREFIX } from "./fixtures";

const ACTOR = { "google.subject": "assertion.actor", "attribute.repository": "assertion.repository" };
const SUB = { "google.subject": "assertion.sub", "attribute.repository": "assertion.repository" };
const OWNER = "assertion.repository_owner == 'octo-org'";

function findings(options: Parameters<typeof gcpConfig>[0]): string[] {
  const facts = extractTrustFacts(resourcesFromTerraformJson(gcpConfig(options)));
  return [...new Set(lintFacts(facts).map((f) => `${f.rule} ${f.value.replace(POOL_SUBJECT_PREFIX, "P").replace(POOL_PREFIX, "S")}`))].sort();
}

describe("GCP members through the attribute mapping", () => {
  it.each<[string, Parameters<typeof gcpConfig>[0], string[]]>([
    [
      // The actor is a login: a subject-shaped value never is one.
      "google.subject from actor, a member that names a subject: never matches",
      { mapping: ACTOR, condition: OWNER, members: [`${POOL_SUBJECT_PREFIX}/subject/repo:octo-org/app:ref:refs/heads/main`] },
      ["WIF007 P/subject/repo:octo-org/app:ref:refs/heads/main"],
    ],
    [
      // A login: the runs that user triggers in any repository the condition admits (every one of octo-org).
      "google.subject from actor, a member that names a login: read as the actor",
      { mapping: ACTOR, condition: OWNER, members: [`${POOL_SUBJECT_PREFIX}/subject/some-user`] },
      [`WIF003 ${OWNER}`, `WIF008 ${OWNER}`],
    ],
    [
      "google.subject from repository: a member that names a repository pins it",
      { mapping: { "google.subject": "assertion.repository" }, condition: OWNER, members: [`${POOL_SUBJECT_PREFIX}/subject/octo-org/app`] },
      [`WIF004 ${OWNER} && repository=octo-org/app`, `WIF008 ${OWNER} && repository=octo-org/app`],
    ],
    [
      "an attribute the provider does not map: never matches",
      { mapping: SUB, condition: OWNER, members: [`${POOL_PREFIX}/attribute.repo/octo-org/app`] },
      ["WIF007 S/attribute.repo/octo-org/app"],
    ],
    [
      "a dead member beside a live one: the live one is judged",
      {
        mapping: ACTOR,
        condition: OWNER,
        members: [`${POOL_SUBJECT_PREFIX}/subject/repo:octo-org/app:ref:refs/heads/main`, `${POOL_PREFIX}/attribute.repository/octo-org/app`],
      },
      [
        `WIF004 ${OWNER} && S/attribute.repository/octo-org/app`,
        "WIF007 P/subject/repo:octo-org/app:ref:refs/heads/main",
        `WIF008 ${OWNER} && S/attribute.repository/octo-org/app`,
      ],
    ],
    [
      // In a pool of two providers the member may be meant for the other one: not reported, still no way in.
      "a member dead for one provider of two",
      { mapping: ACTOR, condition: OWNER, providers: 2, members: [`${POOL_SUBJECT_PREFIX}/subject/repo:octo-org/app:ref:refs/heads/main`] },
      [],
    ],
    [
      "a mapping that is not a plain claim stays unread (WIF011), never a pin",
      { mapping: { "google.subject": "assertion.sub + assertion.aud" }, condition: OWNER, members: [`${POOL_SUBJECT_PREFIX}/subject/x`] },
      [`WIF003 ${OWNER}`, `WIF008 ${OWNER}`, 'WIF011 google.subject (attribute_mapping "assertion.sub + assertion.aud")'],
    ],
  ])("%s", (_name, options, expected) => {
    expect(findings(options)).toEqual(expected);
  });
});

/** The same as `findings`, with `attribute_mapping` written as given (an unknown `${...}` or a map with unknown entries). */
function findingsWithMapping(mapping: unknown, options: Parameters<typeof gcpConfig>[0]): string[] {
  const config = gcpConfig(options) as { resource: { google_iam_workload_identity_pool_provider: Record<string, Record<string, unknown>> } };
  for (const p of Object.values(config.resource.google_iam_workload_identity_pool_provider)) p.attribute_mapping = mapping;
  const facts = extractTrustFacts(resourcesFromTerraformJson({ variable: { mapping: {}, extra: {}, name: {} }, ...config }));
  return [...new Set(lintFacts(facts).map((f) => `${f.rule} ${f.severity} ${f.value.replace(POOL_SUBJECT_PREFIX, "P").replace(POOL_PREFIX, "S")}`))].sort();
}

describe("GCP members through an attribute_mapping unknown here (review P1): never 'not in the mapping'", () => {
  const ID_CONDITION = "assertion.repository_owner_id == '1234'";
  const OWNER_ID = `${POOL_PREFIX}/attribute.owner_id/1234`;
  it.each<[string, unknown, number, string[]]>([
    // name, attribute_mapping, providers, findings
    ["the whole mapping is a variable (/tmp/rv/g5)", "${var.mapping}", 1, [`WIF003 high ${ID_CONDITION}`, "WIF011 info ${var.mapping}"]],
    [
      "the whole mapping is a variable, two providers in the pool (/tmp/rv/g4)",
      "${var.mapping}",
      2,
      [`WIF003 high ${ID_CONDITION}`, "WIF011 info ${var.mapping}"],
    ],
    [
      "merge with an unknown map",
      '${merge({"google.subject" = "assertion.sub"}, var.extra)}',
      1,
      [`WIF003 high ${ID_CONDITION}`, 'WIF011 info ${merge({"google.subject" = "assertion.sub"}, var.extra)}'],
    ],
    [
      "the member's entry has a non-string value",
      { "google.subject": "assertion.sub", "attribute.owner_id": ["assertion.repository_owner_id"] },
      1,
      [`WIF003 high ${ID_CONDITION}`, 'WIF011 info attribute.owner_id = ["assertion.repository_owner_id"]'],
    ],
    [
      "a name decided at apply",
      { "google.subject": "assertion.sub", "${var.name}": "assertion.repository_owner_id" },
      1,
      [`WIF003 high ${ID_CONDITION}`, "WIF011 info ${var.name}"],
    ],
  ])("%s", (_name, mapping, providers, expected) => {
    const found = findingsWithMapping(mapping, { condition: ID_CONDITION, providers, members: [OWNER_ID] });
    expect(found).toEqual(expect.arrayContaining(expected));
    expect(found.filter((f) => f.startsWith("WIF007"))).toEqual([]);
  });

  it("a known mapping without the attribute still makes the member dead (an unread entry of another name changes nothing)", () => {
    const found = findingsWithMapping({ "google.subject": "assertion.sub", "attribute.x": ["assertion.x"] }, { condition: ID_CONDITION, members: [OWNER_ID] });
    expect(found).toContain("WIF007 high S/attribute.owner_id/1234");
  });

  it("the same member through a known mapping is judged the same way (/tmp/rv/g6)", () => {
    const found = findingsWithMapping(
      { "google.subject": "assertion.sub", "attribute.owner_id": "assertion.repository_owner_id" },
      { condition: ID_CONDITION, members: [OWNER_ID] },
    );
    expect(found.map((f) => f.split(" ").slice(0, 2).join(" "))).toContain("WIF003 high");
  });
});
