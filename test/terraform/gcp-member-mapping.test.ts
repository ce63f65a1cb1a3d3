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
