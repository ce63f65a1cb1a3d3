import type { HclBlock } from "./hcl-blocks";
import type { InputProblem } from "./input-problem";
import type { TerraformResource } from "./resources";
import { resourcesFromTerraformJson } from "./extract";
import { cdktfOrigin } from "./cdktf-metadata";
import { acknowledgementsFromJsonComment, parseAcknowledgementComment } from "../lint/acknowledgement";

/** Top-level keys of a Terraform JSON configuration file. */
export const CONFIGURATION_KEYS = new Set([
  "//",
  "resource",
  "data",
  "provider",
  "terraform",
  "variable",
  "output",
  "locals",
  "module",
  "moved",
  "import",
  "check",
  "removed",
]);

/** True when `doc` is an object whose keys are all Terraform JSON top-level keys (and there is at least one). */
export function isConfigurationJson(doc: unknown): doc is Record<string, unknown> {
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) return false;
  const keys = Object.keys(doc);
  return keys.length > 0 && keys.every((k) => CONFIGURATION_KEYS.has(k));
}

/** The resources read from one configuration file, and what was wrong with its suppressions. */
export interface FileResources {
  readonly resources: readonly TerraformResource[];
  readonly problems: readonly InputProblem[];
}

/**
 * The `resource` and `data` blocks of one Terraform JSON configuration — a `*.tf.json` or
 * `cdk.tf.json` file, or what hcl2json made of a `*.tf` file — as the rule engine's
 * `resourcesFromTerraformJson` reads them, with their file, their line (from `hclBlocks` for HCL, from
 * `jsonLines` for JSON) and their
 * in-source suppressions: for HCL, `wif:acknowledge` comments on the block (`hclBlocks`); for JSON,
 * the block's `"//"` comment property, which is removed from the values.
 *
 * @example
 * resourcesFromConfiguration(JSON.parse(text), "cdktf.out/stacks/app/cdk.tf.json");
 */
export function resourcesFromConfiguration(
  config: Readonly<Record<string, unknown>>,
  file: string,
  hclBlocks?: readonly HclBlock[],
  jsonLines?: ReadonlyMap<string, number>,
): FileResources {
  const problems: InputProblem[] = [];
  // Blocks of one address (a duplicate Terraform refuses) take their positions in order of appearance.
  const positions = new Map<string, HclBlock[]>();
  for (const b of hclBlocks ?? []) positions.set(`${b.mode}.${b.type}.${b.name}`, [...(positions.get(`${b.mode}.${b.type}.${b.name}`) ?? []), b]);
  const resources = resourcesFromTerraformJson(config, { file }).map((resource): TerraformResource => {
    const key = `${resource.mode}.${resource.type}.${resource.name}`;
    const block = positions.get(key)?.shift();
    const line = block?.line ?? jsonLines?.get(key);
    const { "//": comment, ...values } = resource.values;
    const parts = block
      ? block.comments.map((c) => ({ line: c.line, ...parseAcknowledgementComment(c.text) }))
      : [{ line, ...acknowledgementsFromJsonComment(comment) }];
    for (const part of parts) {
      problems.push(...part.problems.map((message) => ({ file, ...(part.line ? { line: part.line } : {}), message: `${resource.address}: ${message}` })));
    }
    const acknowledgements = parts.flatMap((p) => p.acknowledgements);
    const { acknowledgements: _fromEngine, ...rest } = resource;
    const origin = cdktfOrigin({ "//": comment });
    return {
      ...rest,
      values,
      ...(origin ? { origin } : {}),
      source: line === undefined ? { file } : { file, line },
      ...(acknowledgements.length > 0 ? { acknowledgements } : {}),
    };
  });
  return { resources, problems };
}
