import type { IConstruct } from "constructs";

/*
 * The engine types cdktf-wif's public declarations name, written out structurally so that they hold
 * for cdktf's and cdktn's classes alike and the published `.d.ts` files do not import `cdktf`: a
 * CDK Terrain project has no `cdktf` to resolve them from.
 */

/** Anything Terraform can depend on: a resource, data source or module of either engine (`ITerraformDependable`). */
export interface ITerraformDependable {
  /** The Terraform address, as a token. */
  readonly fqn: string;
}

/** A `TerraformOutput` of either engine: what a construct's `outputs` hold. */
export interface ITerraformOutput extends IConstruct, ITerraformDependable {
  /** The output's value (a token or literal). */
  readonly value: unknown;
  /** @default - none */
  description?: string;
  /** @default false */
  sensitive?: boolean;
  /** The output's name in Terraform, unless overridden. */
  readonly friendlyUniqueId: string;
  /** Names the output in Terraform, e.g. `role_arn`, instead of the generated id. */
  overrideLogicalId(newLogicalId: string): void;
  /** Sets a raw Terraform attribute of the output. */
  addOverride(path: string, value: unknown): void;
}

/** An Aspect of either engine (`IAspect`). */
export interface IEngineAspect {
  visit(node: IConstruct): void;
}
