// One GitHub Actions trust, deployed to AWS, GCP and Azure from a single declaration.
// `npx cdktf synth` (from the repository root) synthesizes this app into cdktf.out/;
// deploy.yml beside this file is the workflow that logs in to the three clouds with the outputs.
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { GoogleProvider } from "@cdktf/provider-google/lib/provider";
import { App, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { FederatedWorkload, Trust } from "../../src";

class MultiCloudStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, "aws", { region: "eu-west-1" });
    new GoogleProvider(this, "google", { project: "acme-prod" });
    new AzurermProvider(this, "azurerm", { features: [{}] });

    // Jobs of octo-org/payments that use the "production" environment. The immutable subject form
    // carries the owner and repository ids, so a deleted and re-registered "octo-org" cannot get in,
    // and every cloud (Azure included, which compares subjects only) checks them. GitHub issues it by
    // default for repositories created, renamed or transferred after mid-2026; an older repository
    // opts in (REST use_immutable_subject). During the switch, immutableSubject: "both" trusts the
    // name form and the immutable form (two exact subjects, each pinned by the ids).
    const trust = Trust.githubActions({
      repository: "octo-org/payments",
      environment: "production",
      repositoryOwnerId: "1234567",
      repositoryId: "7654321",
      immutableSubject: true,
    });

    new FederatedWorkload(this, "payments", {
      trust,
      aws: {
        roleName: "payments-deploy",
        managedPolicyArns: ["arn:aws:iam::aws:policy/PowerUserAccess"],
        maxSessionDuration: 3600,
        // Short, stable names for the values deploy.yml needs (store them as repository variables).
        outputs: { roleArn: "aws_role_arn" },
      },
      gcp: {
        project: "acme-prod",
        projectNumber: "123456789012",
        poolId: "github",
        idSuffix: "v1", // bump after a destroy: GCP keeps deleted pool/provider ids for 30 days
        serviceAccountEmail: "deployer@acme-prod.iam.gserviceaccount.com",
        outputs: { workloadIdentityProvider: "gcp_workload_identity_provider", serviceAccountEmail: "gcp_service_account" },
      },
      azure: {
        resourceGroupName: "rg-ci",
        location: "westeurope",
        identityName: "payments-deploy",
        roleAssignments: [{ scope: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-payments", roleDefinitionName: "Contributor" }],
        outputs: { clientId: "azure_client_id", tenantId: "azure_tenant_id", subscriptionId: "azure_subscription_id" },
      },
    });
  }
}

const app = new App();
new MultiCloudStack(app, "multi-cloud");
app.synth();
