// GitHub Actions → GCP: the production environment of octo-org/payments may impersonate the
// deployer service account; its main branch may read the project's buckets directly.
// Synthesize: npx cdktf synth --app "npx ts-node --transpile-only examples/github-actions-gcp/main.ts"
import { GoogleProvider } from "@cdktf/provider-google/lib/provider";
import { App, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { GcpWorkloadIdentity, Trust } from "../../src";

class GithubActionsGcp extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new GoogleProvider(this, "google", { project: "acme-prod" });

    // Creates the pool "ci-pool-v1" and the provider "payments-prod-v1" in it (ids + idSuffix).
    const deploy = new GcpWorkloadIdentity(this, "payments-prod", {
      trust: Trust.githubActions({ repository: "octo-org/payments", environment: "production", repositoryOwnerId: "1234567" }),
      project: "acme-prod",
      projectNumber: "123456789012",
      poolId: "ci-pool",
      idSuffix: "v1", // bump after a destroy: GCP keeps deleted pool/provider ids for 30 days
      serviceAccountEmail: "deployer@acme-prod.iam.gserviceaccount.com",
    });

    // Adds a second provider to the same pool; its member cannot use the first one's access.
    new GcpWorkloadIdentity(this, "payments-main-read", {
      trust: Trust.githubActions({ repository: "octo-org/payments", branch: "main", repositoryOwnerId: "1234567" }),
      project: "acme-prod",
      projectNumber: "123456789012",
      existingPoolId: deploy.poolId, // "ci-pool-v1"
      providerId: "payments-main",
      projectRoles: ["roles/storage.objectViewer"],
      dependsOn: [deploy.pool!], // the pool is created in this same stack
    });
  }
}

const app = new App();
new GithubActionsGcp(app, "github-actions-gcp");
app.synth();
