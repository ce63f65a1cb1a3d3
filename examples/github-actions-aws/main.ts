// A runnable cdktf app: a GitHub Actions deploy role for production, and a read-only role for the
// main branch, both trusting one GitHub OIDC provider. `npx cdktf synth` writes cdktf.out/.
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { App, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { AwsOidcProvider, AwsWorkloadIdentityRole, Trust } from "../../src";

class GitHubActionsAwsStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, "aws", { region: "eu-west-1" });

    const deploy = Trust.githubActions({
      repository: "octo-org/payments",
      environment: "production",
      repositoryOwnerId: "1234567", // the owner's immutable id: a re-registered "octo-org" cannot get in
    });
    // One provider per issuer URL per account: create it once, share it.
    const github = new AwsOidcProvider(this, "github", { trust: deploy });

    new AwsWorkloadIdentityRole(this, "deploy", {
      trust: deploy,
      oidcProvider: github,
      roleName: "payments-deploy",
      managedPolicyArns: ["arn:aws:iam::aws:policy/PowerUserAccess"],
      maxSessionDuration: 3600,
      tags: { team: "payments" },
    });

    new AwsWorkloadIdentityRole(this, "read-only", {
      trust: Trust.githubActions({ repository: "octo-org/payments", branch: "main", repositoryOwnerId: "1234567" }),
      oidcProvider: github,
      roleName: "payments-read-only",
      managedPolicyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
    });
  }
}

const app = new App();
new GitHubActionsAwsStack(app, "github-actions-aws");
app.synth();
