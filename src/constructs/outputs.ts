import type { IConstruct } from "constructs";
import { WifValidationError, quote } from "../trust/errors";
import { isStack, type Engine } from "./engine";
import type { ITerraformOutput } from "./engine-types";
import { terraformText } from "./terraform-literal";

/**
 * Which CI outputs a construct emits and under which Terraform names: `false` for none; an object
 * naming the outputs to emit (`{ roleArn: "aws_role_arn" }`: exactly those, with those names); or
 * nothing for every output under its generated name (`deploy_role-arn_EBBFED5A`).
 */
export type OutputNames<K extends string> = false | { readonly [P in K]?: string };

/** One output a construct can emit. */
export interface OutputSpec {
  /** The construct id of the output (its generated Terraform name derives from it). */
  readonly id: string;
  readonly value: string;
  readonly description: string;
}

/** Terraform output names: a letter or underscore, then letters, digits, `_` or `-`. */
const OUTPUT_NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,127}$/;

const USED = new WeakMap<IConstruct, Map<string, string>>();

/**
 * Emits a construct's outputs as `props.outputs` asks (see `OutputNames`), validating the names:
 * a Terraform name, unique in the stack (cdktf would otherwise let the later output silently replace
 * the earlier one). Returns the outputs emitted, by key.
 */
export function emitOutputs<K extends string>(
  scope: IConstruct,
  engine: Engine,
  field: string,
  names: OutputNames<K> | undefined,
  specs: Readonly<Record<K, OutputSpec | undefined>>,
): Partial<Record<K, ITerraformOutput>> {
  const keys = Object.keys(specs) as K[];
  if (names === false) return {};
  if (names !== undefined && (names === null || typeof names !== "object" || Array.isArray(names))) {
    throw new WifValidationError(field, `expected false or an object of output names such as { ${keys[0]}: "${snake(keys[0])}" }, got ${quote(names)}.`);
  }
  for (const key of Object.keys(names ?? {})) {
    if (!keys.includes(key as K)) throw new WifValidationError(`${field}.${key}`, `unknown output ${quote(key)}. Known outputs: ${keys.join(", ")}.`);
    const name = (names as Record<string, unknown>)[key];
    if (typeof name !== "string" || !OUTPUT_NAME.test(name)) {
      throw new WifValidationError(
        `${field}.${key}`,
        `${quote(name)} is not a Terraform output name: start with a letter or "_", then letters, digits, "_" or "-", e.g. ${quote(snake(key))}.`,
      );
    }
  }
  const stack = [...scope.node.scopes].reverse().find(isStack) ?? scope;
  const used = USED.get(stack) ?? new Map<string, string>();
  USED.set(stack, used);
  const out: Partial<Record<K, ITerraformOutput>> = {};
  for (const key of keys) {
    const spec = specs[key];
    if (spec === undefined) continue;
    const name = names === undefined ? undefined : (names as Record<string, string | undefined>)[key];
    if (names !== undefined && name === undefined) continue;
    if (name !== undefined && used.has(name)) {
      throw new WifValidationError(
        `${field}.${key}`,
        `the output name ${quote(name)} is already used by ${used.get(name)} in this stack; Terraform output names are unique per stack. Choose another name.`,
      );
    }
    const output = new engine.api.TerraformOutput(scope, spec.id, {
      value: spec.value,
      description: terraformText(spec.description),
    }) as unknown as ITerraformOutput;
    if (name !== undefined) {
      output.overrideLogicalId(name);
      used.set(name, scope.node.path);
    }
    out[key] = output;
  }
  return out;
}

function snake(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}
