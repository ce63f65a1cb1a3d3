import { readLocals, substituteLocals } from "../../src/terraform/locals";
import { evaluated } from "../../src/terraform/values";

const LOCALS = readLocals({
  locals: [
    {
      gh: "token.actions.githubusercontent.com",
      subs: ["repo:octo/app:ref:refs/heads/main", "repo:*"],
      sub: "repo:${var.org}/*",
      key: "${local.gh}:sub",
      obj: { a: 1 },
      call: "${upper(var.x)}",
    },
  ],
});

describe("readLocals", () => {
  it("keeps string and list-of-string locals as HCL literals, resolving locals in locals", () => {
    expect(Object.fromEntries(LOCALS)).toEqual({
      gh: '"token.actions.githubusercontent.com"',
      subs: '["repo:octo/app:ref:refs/heads/main","repo:*"]',
      sub: '"repo:${var.org}/*"',
      key: '"token.actions.githubusercontent.com:sub"',
      call: '"${upper(var.x)}"',
    });
  });
});

describe("substituteLocals", () => {
  it.each<[string, unknown]>([
    ["${local.gh}:aud", "token.actions.githubusercontent.com:aud"],
    ["arn:aws:iam::1:oidc-provider/${local.gh}", "arn:aws:iam::1:oidc-provider/token.actions.githubusercontent.com"],
    ["${local.subs}", ["repo:octo/app:ref:refs/heads/main", "repo:*"]],
    ["${local.sub}", "repo:${var.org}/*"],
    ["${local.key}", "token.actions.githubusercontent.com:sub"],
    ["${local.obj}", "${local.obj}"],
    ["${local.missing}", "${local.missing}"],
    ["plain local.gh text", "plain local.gh text"],
    ["$${local.gh}", "${local.gh}"],
    ['${templatefile("t.tpl", { o = local.gh })}', '${templatefile("t.tpl", { o = local.gh })}'],
    ["${jsonencode({ k = local.subs })}", '{"k":["repo:octo/app:ref:refs/heads/main","repo:*"]}'],
  ])("%s", (text, expected) => {
    expect(evaluated(substituteLocals(text, LOCALS))).toEqual(expected);
  });
});
