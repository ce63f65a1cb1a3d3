import { readFileSync } from "fs";
import { join } from "path";
import { ISSUER_KINDS } from "../../../src/trust/issuers";
import { renderIssuerDocs } from "../../../src/trust/issuers/docs";

describe("docs/issuers.md", () => {
  const page = renderIssuerDocs();

  it("is in sync with the issuer profiles (run scripts/generate-rule-docs.ts)", () => {
    expect(readFileSync(join(__dirname, "..", "..", "..", "docs", "issuers.md"), "utf8")).toBe(page);
  });

  it.each(ISSUER_KINDS)("has a section for %s", (kind) => {
    expect(page).toContain(`\n## ${kind}\n`);
  });

  it("states the HCP Terraform run-phase advice and the AKS trailing slash", () => {
    expect(page).toContain(
      "WIF004 (one workspace, any context), **low**: admits plan and apply runs of the workspace, including speculative plans of pull requests: use one identity per run phase.",
    );
    expect(page).toContain("; `iss` ends with `/`)");
  });
});
