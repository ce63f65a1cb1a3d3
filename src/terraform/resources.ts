import type { Acknowledgement } from "../lint/acknowledgement";
import type { SourceLocation } from "../lint/finding";

/**
 * One resource or data source of a Terraform configuration, in Terraform JSON syntax: the common
 * input of the trust extractor, whichever file it came from (cdk.tf.json, *.tf.json, *.tf through
 * hcl2json, plan JSON).
 */
export interface TerraformResource {
  readonly mode: "managed" | "data";
  /** e.g. `aws_iam_role`. */
  readonly type: string;
  /** e.g. `ci`. */
  readonly name: string;
  /** e.g. `aws_iam_role.ci`, `data.aws_iam_policy_document.ci`, `module.app.aws_iam_role.ci`. */
  readonly address: string;
  /**
   * Attributes as in Terraform JSON: strings may hold `${...}` interpolations; nested blocks are an
   * object or a list of objects. Values from plan JSON are already resolved.
   */
  readonly values: Readonly<Record<string, unknown>>;
  readonly source?: SourceLocation;
  /** cdktf output: the construct that wrote the resource (its `"//".metadata`), when known. */
  readonly origin?: CdktfOrigin;
  /** In-source suppressions attached to this resource. */
  readonly acknowledgements?: readonly Acknowledgement[];
}

/** What cdktf records about the construct that wrote a resource (`"//": { "metadata": ... }`). */
export interface CdktfOrigin {
  /** The construct path, e.g. `payments/deploy/role`. */
  readonly constructPath: string;
  /** The user's file and line that created the resource, when cdktf recorded a stack trace. */
  readonly definedAt?: SourceLocation;
}
