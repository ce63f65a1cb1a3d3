import * as fs from "fs";
import * as path from "path";
import { isConfigurationFile } from "../terraform/configuration-files";
import { buildInventory, BuildInventoryOptions } from "../inventory/build";
import { graphFromUnits } from "../inventory/graph";
import { inventoryShapeError, looksLikeInventory, mergeInventories } from "../inventory/merge";
import type { Inventory } from "../inventory/model";
import { readInputs } from "../terraform/read-inputs";

/** Options of `inventory()`. */
export interface InventoryOptions extends BuildInventoryOptions {
  /**
   * Base for relative paths.
   * @default process.cwd()
   */
  readonly cwd?: string;
  /** Terraform variable files (`*.tfvars`, `*.tfvars.json`), as `--var-file`. @default [] */
  readonly varFiles?: readonly string[];
  /** Terraform variables, as `--var NAME=VALUE`. @default {} */
  readonly vars?: Readonly<Record<string, string>>;
  /**
   * `TF_VAR_NAME` values by variable name (`terraformEnvironment(process.env)`), the lowest
   * precedence above defaults, as Terraform reads them for root modules. Nothing here reads the
   * environment itself. @default {}
   */
  readonly environment?: Readonly<Record<string, string>>;
}

/**
 * The inventory of Terraform inputs (cdktf.out/, directories, *.tf, *.tf.json, plan JSON) merged
 * with inventory JSON files given among the paths (`wif inventory a.json b.json`). Loads no cdktf.
 * Inputs that cannot be read are listed in `problems`, never guessed.
 *
 * @example
 * const inv = await inventory(["cdktf.out", "infra/"], { repository: "octo/app" });
 * inv.workloads.filter((w) => w.admitsOtherTenants);
 */
export async function inventory(paths: readonly string[], options: InventoryOptions = {}): Promise<Inventory> {
  const cwd = options.cwd ?? process.cwd();
  const merged: Inventory[] = [];
  const problems: { file: string; line?: number; message: string }[] = [...(options.problems ?? [])];
  const terraform: string[] = [];
  for (const p of paths) {
    const doc = p.endsWith(".json") && !isConfigurationFile(p) ? readJson(path.resolve(cwd, p)) : undefined;
    if (doc !== undefined && looksLikeInventory(doc)) {
      const error = inventoryShapeError(doc);
      if (error) problems.push({ file: p, message: `this inventory ${error}.` });
      else merged.push(doc as Inventory);
    } else terraform.push(p);
  }
  const parts: Inventory[] = [];
  if (terraform.length > 0) {
    const read = await readInputs(terraform, { cwd, varFiles: options.varFiles ?? [], vars: options.vars ?? {}, environment: options.environment ?? {} });
    problems.push(...read.problems);
    parts.push(buildInventory(graphFromUnits(read.units), { ...options, problems: [] }));
  }
  const all = mergeInventories([...merged, ...parts], options.tool);
  return { ...all, problems: [...problems, ...all.problems] };
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as unknown;
  } catch {
    return undefined;
  }
}
