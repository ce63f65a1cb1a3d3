import * as path from "path";
import * as awsPermissions from "../../src/inventory/permissions/aws";
import { inventory } from "../../src/api/inventory";

const DIR = path.join(__dirname, "..", "fixtures", "inventory");

afterEach(() => jest.restoreAllMocks());

test("a trust whose permissions cannot be read is a problem naming it; the other trusts are still listed", async () => {
  const original = awsPermissions.awsRolePermissions;
  jest.spyOn(awsPermissions, "awsRolePermissions").mockImplementation((role, resources, byAddress) => {
    if (role.address === "aws_iam_role.ci") throw new RangeError("Maximum call stack size exceeded");
    return original(role, resources, byAddress);
  });
  const inv = await inventory(["payments"], { cwd: DIR });
  expect(inv.identities.map((i) => i.address)).toEqual([
    "aws_iam_role.branches",
    "aws_iam_role.deploy",
    "aws_iam_role.release",
    "google_iam_workload_identity_pool_provider.github",
  ]);
  expect(inv.problems).toEqual([
    {
      file: "payments/aws.tf",
      line: 33,
      message:
        "aws_iam_role.ci: could not be inventoried: Maximum call stack size exceeded; the other trusts are listed. Report a bug in wif with a copy of the resource.",
    },
  ]);
});
