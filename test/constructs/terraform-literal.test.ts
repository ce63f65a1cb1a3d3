import { terraformLiteral } from "../../src/constructs/terraform-literal";
import { renderTerraformLiteral } from "../oracle/terraform-render";

describe("terraformLiteral", () => {
  test.each([
    ["plain", "plain"],
    ["a${$}b", "a$${$}b"],
    ["x%{if true}y", "x%%{if true}y"],
    ["$ and % and { alone", "$ and % and { alone"],
    ["${*}${?}${$}", "$${*}$${?}$${$}"],
  ])("%j → %j, which Terraform renders back", (value, written) => {
    expect(terraformLiteral(value)).toBe(written);
    expect(renderTerraformLiteral(written)).toBe(value);
  });

  test("kept references stay interpolations", () => {
    const arn = "${TfToken[TOKEN.7]}";
    expect(terraformLiteral(`{"Federated":"${arn}","sub":"a\${$}"}`, [arn])).toBe(`{"Federated":"${arn}","sub":"a$\${$}"}`);
  });
});
