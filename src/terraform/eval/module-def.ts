import type { SourceLocation } from "../../lint/finding";
import type { InputProblem } from "../input-problem";
import { INPUT_MESSAGES } from "../input-messages";
import type { TerraformResource } from "../resources";
import { resourcesFromConfiguration } from "../configuration-blocks";
import { objects } from "../terraform-json";
import { isOverrideFile } from "../configuration-files";
import type { HclBlock } from "../hcl-blocks";

/** One configuration file of a module, parsed (hcl2json output for `.tf`, the JSON for `.tf.json`). */
export interface ConfigFile {
  /** As shown to the user, `/`-separated. */
  readonly path: string;
  readonly config: Readonly<Record<string, unknown>>;
  /** For `.tf`: the text, for block lines and comments. */
  readonly text?: string;
  /** For `.tf`: its `resource`/`data` blocks with lines and comments. */
  readonly hclBlocks?: readonly HclBlock[];
  /** For `.tf.json`: block lines. */
  readonly jsonLines?: ReadonlyMap<string, number>;
}

/** A `module` block. */
export interface ModuleCall {
  readonly name: string;
  readonly source: string;
  readonly version?: string;
  /** Every argument as written (Terraform JSON form), `source`/`version`/meta-arguments included. */
  readonly body: Readonly<Record<string, unknown>>;
  readonly location: SourceLocation;
}

/** A `variable` block. */
export interface VariableDef {
  readonly name: string;
  readonly default?: unknown;
  readonly hasDefault: boolean;
  /** `type` as written (hcl2json's `"${list(string)}"`); undefined: any value. */
  readonly type?: unknown;
  /** `nullable = false`: a null input takes the default. @default true */
  readonly nullable: boolean;
  readonly location: SourceLocation;
}

/** What the files of one module directory declare, override files applied. */
export interface ModuleDef {
  readonly dir: string;
  readonly files: readonly string[];
  readonly variables: ReadonlyMap<string, VariableDef>;
  /** Locals by name: the expression as written, and where. */
  readonly locals: ReadonlyMap<string, { readonly value: unknown; readonly location: SourceLocation }>;
  readonly outputs: ReadonlyMap<string, unknown>;
  /** Resources and data sources as written (addresses relative to the module). */
  readonly resources: readonly TerraformResource[];
  readonly calls: ReadonlyMap<string, ModuleCall>;
  readonly problems: readonly InputProblem[];
}

const isOverride = isOverrideFile;

/**
 * Collects the declarations of a module's files. Terraform's override files (`override.tf`,
 * `*_override.tf`) replace top-level arguments of the block of the same address.
 *
 * @example
 * moduleDef("modules/role", [{ path: "modules/role/main.tf", config }]).calls.get("ci");
 */
export function moduleDef(dir: string, files: readonly ConfigFile[]): ModuleDef {
  const variables = new Map<string, VariableDef>();
  const locals = new Map<string, { value: unknown; location: SourceLocation }>();
  const outputs = new Map<string, unknown>();
  const calls = new Map<string, ModuleCall>();
  const byAddress = new Map<string, TerraformResource>();
  /** Second and later blocks of an address Terraform would refuse: linted too, never hidden by the first. */
  const duplicates: TerraformResource[] = [];
  const problems: InputProblem[] = [];
  const ordered = [...files.filter((f) => !isOverride(f.path)), ...files.filter((f) => isOverride(f.path))];
  for (const file of ordered) {
    const override = isOverride(file.path);
    const { locals: fileLocals, ...rest } = file.config;
    const read = resourcesFromConfiguration(rest, file.path, file.hclBlocks, file.jsonLines);
    problems.push(...read.problems);
    for (const r of read.resources) {
      const base = byAddress.get(r.address);
      if (override && base) byAddress.set(r.address, { ...base, values: { ...base.values, ...r.values } });
      else if (base) {
        problems.push(duplicateProblem(r, base));
        duplicates.push(r);
      } else byAddress.set(r.address, r);
    }
    for (const block of objects(fileLocals)) {
      for (const [name, value] of Object.entries(block)) locals.set(name, { value, location: { file: file.path } });
    }
    for (const byName of objects(file.config.variable)) {
      for (const [name, bodies] of Object.entries(byName)) {
        const body = objects(bodies)[0] ?? {};
        const previous = variables.get(name);
        const hasDefault = "default" in body || (override && previous?.hasDefault === true);
        const type = "type" in body ? body.type : override ? previous?.type : undefined;
        const nullable = "nullable" in body ? body.nullable !== false && body.nullable !== "false" : override ? (previous?.nullable ?? true) : true;
        variables.set(name, {
          name,
          hasDefault,
          ...("default" in body ? { default: body.default } : previous?.hasDefault ? { default: previous.default } : {}),
          ...(type !== undefined ? { type } : {}),
          nullable,
          location: previous && override ? previous.location : { file: file.path, ...lineOf(file, "variable", name) },
        });
      }
    }
    for (const byName of objects(file.config.output)) {
      for (const [name, bodies] of Object.entries(byName)) {
        const body = objects(bodies)[0] ?? {};
        if ("value" in body) outputs.set(name, body.value);
      }
    }
    for (const byName of objects(file.config.module)) {
      for (const [name, bodies] of Object.entries(byName)) {
        const body = { ...(override ? calls.get(name)?.body : {}), ...(objects(bodies)[0] ?? {}) };
        const source = typeof body.source === "string" ? body.source : "";
        calls.set(name, {
          name,
          source,
          ...(typeof body.version === "string" ? { version: body.version } : {}),
          body,
          location: override && calls.get(name) ? (calls.get(name) as ModuleCall).location : { file: file.path, ...lineOf(file, "module", name) },
        });
      }
    }
  }
  return { dir, files: files.map((f) => f.path), variables, locals, outputs, resources: [...byAddress.values(), ...duplicates], calls, problems };
}

/** Terraform refuses two blocks with one address in a module ("Duplicate resource configuration"): say where both are. */
function duplicateProblem(later: TerraformResource, first: TerraformResource): InputProblem {
  const where = (r: TerraformResource) => `${r.source?.file ?? "?"}${r.source?.line ? `:${r.source.line}` : ""}`;
  const file = later.source?.file ?? first.source?.file ?? "?";
  return {
    file,
    ...(later.source?.line ? { line: later.source.line } : {}),
    message: INPUT_MESSAGES.duplicateAddress(later.address, where(first), where(later)),
  };
}

/** The line of a `module "NAME" {` / `variable "NAME" {` header in HCL text. */
function lineOf(file: ConfigFile, keyword: string, name: string): { line?: number } {
  if (file.text === undefined) return {};
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const m = new RegExp(`^[ \\t]*${keyword}[ \\t]+"?${escaped}"?[ \\t]*\\{`, "m").exec(file.text);
  if (!m) return {};
  let line = 1;
  for (let i = 0; i < m.index; i++) if (file.text.charCodeAt(i) === 10) line++;
  return { line };
}
