import { WifValidationError, quote } from "../../trust/errors";
import type { Trust } from "../../trust/trust";

/** The errors the AWS compiler and constructs raise, in one place so their wording stays consistent. */
export const awsMessages = {
  unevaluatedClaim(trust: Trust, claim: string, evaluated: readonly string[], reason?: string): WifValidationError {
    const why =
      reason ??
      `AWS STS does not evaluate the claim ${quote(claim)} for tokens from ${quote(trust.issuer.url)}, so a condition on ` +
        `"${trust.issuer.hostAndPath}:${claim}" would never be true (no token could assume the role)`;
    return new WifValidationError(
      `Trust.claims.${claim}`,
      `${why}. AWS evaluates only ${evaluated.length ? evaluated.map((c) => quote(c)).join(", ") : "no extra claims"} ` +
        `besides "sub" and "aud" for this issuer. Move the condition into the subject (e.g. Subject.exactly(...) on the full ` +
        `"sub" value), drop it for the AWS deployment, or deploy this trust to a cloud that can check the claim (GCP).`,
    );
  },

  unsupportedIssuer(trust: Trust): WifValidationError {
    return new WifValidationError(
      "Trust.issuer",
      `${quote(trust.issuer.url)} is a built-in identity provider on AWS ("Federated": "accounts.google.com"), whose ":aud" key ` +
        `reads the token's "azp" claim, not "aud": an IAM OIDC provider role would not decide as this trust does. ` +
        `Use GCP workload identity for Google-issued tokens, or write that trust policy by hand.`,
    );
  },

  colonInIssuer(trust: Trust): WifValidationError {
    return new WifValidationError(
      "Trust.issuer",
      `${quote(trust.issuer.url)} has a ":" after "https://" (a port or a colon in the path). AWS condition keys are ` +
        `"<issuer without https://>:<claim>" and IAM refuses keys with more than one colon, so this issuer cannot be trusted on AWS. ` +
        `Serve the issuer on port 443 without ":" in its path.`,
    );
  },

  notAProviderArn(field: string, arn: unknown): WifValidationError {
    return new WifValidationError(
      field,
      `${quote(arn)} is not an IAM OIDC provider ARN. Expected "arn:<aws|aws-cn|aws-us-gov>:iam::<12-digit account>:oidc-provider/<host/path>", ` +
        `e.g. "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com".`,
    );
  },

  schemeInProviderArn(field: string, arn: string): WifValidationError {
    const fixed = arn.replace(/oidc-provider\/https?:\/\//, "oidc-provider/");
    return new WifValidationError(
      field,
      `${quote(arn)} has a URL scheme after "oidc-provider/": IAM names an OIDC provider by its issuer URL without "https://", ` +
        `so no provider has this ARN (the issuer would read "https://https://..."). Write ${quote(fixed)}.`,
    );
  },

  issuerMismatch(field: string, providerHostAndPath: string, trust: Trust): WifValidationError {
    return new WifValidationError(
      field,
      `the OIDC provider is for ${quote(`https://${providerHostAndPath}`)} but the trust's issuer is ${quote(trust.issuer.url)}. ` +
        `AWS accepts a token only through the provider of its own "iss", so this role could never be assumed. ` +
        `Use the provider of ${quote(trust.issuer.url)} (AwsOidcProvider.fromIssuer(scope, id, { issuerUrl: ${quote(trust.issuer.url)}, accountId })) ` +
        `or omit oidcProvider to create it.`,
    );
  },

  policyTooLong(length: number, max: number, trust: Trust): WifValidationError {
    const count = trust.subject.alternatives.length;
    return new WifValidationError(
      "AWS trust policy",
      `the compiled trust policy is ${length} characters (counted as AWS does, without whitespace), over the limit of ${max}; ` +
        `IAM would reject it at apply time. The subject has ${count} alternative${count === 1 ? "" : "s"}: ` +
        `split the trust over several roles, or replace exact values by one narrow pattern, ` +
        `or raise the IAM quota "Role trust policy length" (up to 4096) and set maxTrustPolicyLength.`,
    );
  },

  badMaxLength(field: string, value: unknown): WifValidationError {
    return new WifValidationError(
      field,
      `${quote(value)} is not a usable limit. Give an integer from 1 to 4096 (the IAM default quota is 2048, raisable to 4096).`,
    );
  },
};
