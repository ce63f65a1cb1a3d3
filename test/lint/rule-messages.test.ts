// Messages are declared by id in a rule's meta, with typed data: a wrong id or wrong data does not
// compile (the @ts-expect-error lines below fail the type check if they ever compile).
import { defineRule, docsPath } from "../../src/lint/rules/rule";
import type { RuleContext } from "../../src/lint/rules/rule";
import { WIF001 } from "../../src/lint/rules/wif001-no-subject-check";
import { WIF002 } from "../../src/lint/rules/wif002-tenant-wildcard";
import { WIF003 } from "../../src/lint/rules/wif003-whole-tenant";
import { WIF004 } from "../../src/lint/rules/wif004-any-context";
import { WIF005 } from "../../src/lint/rules/wif005-untrusted-context";
import { WIF006 } from "../../src/lint/rules/wif006-audience";
import { WIF007 } from "../../src/lint/rules/wif007-operator-misuse";
import { WIF008 } from "../../src/lint/rules/wif008-mutable-names";
import { WIF009 } from "../../src/lint/rules/wif009-issuer";
import { WIF010 } from "../../src/lint/rules/wif010-cloud-limits";
import { WIF011 } from "../../src/lint/rules/wif011-unknown-value";

const meta = {
  id: "WIF900",
  severity: "medium",
  title: "test rule",
  why: "why",
  fix: "fix",
  details: "details",
  fires: [],
  passes: [],
  docs: docsPath("WIF900"),
  messages: {
    open: {
      risk: (d: { value: string; field: string }) => `${d.value} leaves ${d.field} open.`,
      fix: (d: { value: string; field: string }) => `Pin ${d.field}.`,
    },
    broken: { severity: "high", risk: (d: { value: string }) => `${d.value} never matches.`, fix: () => "Fix the operator." },
  },
} as const;

const context = { facts: {}, reaches: [] } as unknown as RuleContext;

test("a hit names a message id and its data; the engine gets the rendered risk, fix and severity", () => {
  const rule = defineRule({
    meta,
    check: () => [
      { messageId: "open", data: { value: "repo:o/*", field: "repository" }, value: "repo:o/*" },
      { messageId: "broken", data: { value: "x" }, value: "x" },
      { messageId: "broken", data: { value: "y" }, value: "y", severity: "low" },
    ],
  });
  expect(rule.check(context)).toEqual([
    { value: "repo:o/*", risk: "repo:o/* leaves repository open.", fix: "Pin repository." },
    { value: "x", risk: "x never matches.", fix: "Fix the operator.", severity: "high" },
    { value: "y", risk: "y never matches.", fix: "Fix the operator.", severity: "low" },
  ]);
});

test("a wrong message id or wrong data is a compile error", () => {
  defineRule({
    meta,
    // @ts-expect-error "opne" is not a message of this rule
    check: () => [{ messageId: "opne", data: { value: "v", field: "f" }, value: "v" }],
  });
  defineRule({
    meta,
    // @ts-expect-error the "open" message needs a field
    check: () => [{ messageId: "open", data: { value: "v" }, value: "v" }],
  });
  expect(true).toBe(true);
});

test("a converted rule's check cannot name a message id the rule does not declare", () => {
  defineRule({
    meta: WIF001.meta,
    // @ts-expect-error "noSubjects" is not a message of WIF001
    check: () => [{ messageId: "noSubjects", data: {}, value: "v" }],
  });
  defineRule({
    meta: WIF003.meta,
    // @ts-expect-error "wholeTennant" is not a message of WIF003
    check: () => [{ messageId: "wholeTennant", data: { value: "repo:o/*", kind: "github-actions" as const, tenant: "o" }, value: "repo:o/*" }],
  });
  defineRule({
    meta: WIF005.meta,
    // @ts-expect-error "pullRequests" is not a message of WIF005
    check: () => [{ messageId: "pullRequests", data: { value: "v" }, value: "v" }],
  });
  defineRule({
    meta: WIF006.meta,
    // @ts-expect-error "noAud" is not a message of WIF006
    check: () => [{ messageId: "noAud", data: { label: "l", address: "a" }, value: "v" }],
  });
  defineRule({
    meta: WIF007.meta,
    // @ts-expect-error "literalWildcards" is not a message of WIF007
    check: () => [{ messageId: "literalWildcards", data: { native: "StringEquals", value: "v*" }, value: "v*" }],
  });
  defineRule({
    meta: WIF009.meta,
    // @ts-expect-error "plainHTTP" is not a message of WIF009
    check: () => [{ messageId: "plainHTTP", data: { value: "http://x", where: "w" }, value: "http://x" }],
  });
  defineRule({
    meta: WIF010.meta,
    // @ts-expect-error "gcpIds" is not a message of WIF010
    check: () => [{ messageId: "gcpIds", data: { what: "pool id", id: "gcp-x" }, value: "gcp-x" }],
  });
  defineRule({
    meta: WIF011.meta,
    // @ts-expect-error "unknwon" is not a message of WIF011
    check: () => [{ messageId: "unknwon", data: { field: "f", expression: "e" }, value: "e" }],
  });
  expect(Object.keys(WIF010.meta.messages)).toContain("gcpId");
  expect(Object.keys(WIF011.meta.messages)).toEqual(["unknown"]);
});

test.each([WIF001, WIF002, WIF003, WIF004, WIF005, WIF006, WIF007, WIF008, WIF009, WIF010, WIF011])("$meta.id declares its messages by id", (rule) => {
  expect(Object.keys(rule.meta.messages).length).toBeGreaterThan(0);
});
