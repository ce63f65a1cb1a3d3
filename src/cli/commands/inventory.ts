import * as fs from "fs";
import * as path from "path";
import { inventory } from "../../api/inventory";
import { inventoryHtml } from "../../inventory/html";
import { inventoryMarkdown } from "../../inventory/markdown";
import { defineCommand } from "../command";
import type { ParsedFlags } from "../flags";
import type { CliIo } from "../io";
import { EXIT, ExitCode } from "../report";
import { UsageError } from "../usage-error";
import { toolVersion } from "../version";
import { terraformEnvironment, VAR_FLAGS, VarOptions, varOptions } from "./terraform-vars";

export const INVENTORY_FORMATS = ["md", "json", "html"] as const;

/** The options of `wif inventory`. */
export interface InventoryArgs extends VarOptions {
  readonly paths: readonly string[];
  /** @default "md" */
  readonly format: (typeof INVENTORY_FORMATS)[number];
  /** @default - stdout */
  readonly output?: string;
  /** @default - $GITHUB_REPOSITORY */
  readonly repository?: string;
}

/**
 * `wif inventory`: reads Terraform inputs and inventory JSON files, writes the inventory in the
 * chosen format and returns 0, or 2 when an input could not be read or the report not written.
 *
 * @example
 * process.exitCode = await inventoryCommand({ paths: ["infra/"], format: "json" }, io);
 */
export async function inventoryCommand(options: InventoryArgs, io: CliIo): Promise<ExitCode> {
  const repository = options.repository ?? (io.env.GITHUB_REPOSITORY || undefined);
  const result = await inventory(options.paths, {
    cwd: io.cwd,
    tool: `wif ${toolVersion()}`,
    varFiles: options.varFiles,
    vars: options.vars,
    environment: terraformEnvironment(io.env),
    ...(repository ? { repository } : {}),
  });
  const text =
    options.format === "json" ? `${JSON.stringify(result, null, 2)}\n` : options.format === "html" ? inventoryHtml(result) : inventoryMarkdown(result);
  if (options.output !== undefined) {
    try {
      fs.writeFileSync(path.resolve(io.cwd, options.output), text);
    } catch (err) {
      io.stderr.write(`wif: cannot write the inventory to ${options.output}: ${(err as Error).message}\n`);
      return EXIT.error;
    }
    io.stderr.write(`wif: inventory written to ${options.output}: ${result.summary.identities} identities, ${result.summary.workloads} workloads\n`);
  } else io.stdout.write(text);
  for (const p of result.problems) io.stderr.write(`wif: ${p.file}${p.line ? `:${p.line}` : ""}: ${p.message}\n`);
  return result.problems.length > 0 ? EXIT.error : EXIT.clean;
}

function inventoryOptions(parsed: ParsedFlags): InventoryArgs {
  const v = parsed.values as Readonly<Record<string, string | undefined>>;
  const variables = varOptions(parsed);
  const format = v.format ?? "md";
  if (!(INVENTORY_FORMATS as readonly string[]).includes(format))
    throw new UsageError(`--format must be one of ${INVENTORY_FORMATS.join(", ")}; got ${JSON.stringify(format)}.`);
  if (v.output === "") throw new UsageError("--output needs a file name.");
  if (parsed.positionals.length === 0)
    throw new UsageError("no paths: name cdktf.out/, a directory of Terraform files, *.tf, *.tf.json, plan JSON or inventory JSON files.");
  return {
    paths: parsed.positionals,
    format: format as InventoryArgs["format"],
    ...(v.output !== undefined ? { output: v.output } : {}),
    ...(v.repository !== undefined ? { repository: v.repository } : {}),
    ...variables,
  };
}

/** `wif inventory`, as the command table holds it. */
export const INVENTORY_COMMAND = defineCommand<InventoryArgs>({
  name: "inventory",
  usage: "<paths...|inventory.json...> [options]",
  summary: "who can reach what, across clouds, and the blast radius per workload",
  description: `Who can reach what, across clouds: every AWS role trusting an OIDC provider, GCP workload identity
provider and Azure federated credential, who it admits, its findings and what it can do; the same
turned around per workload family (the blast radius); a summary.

Paths: cdktf.out/, directories of *.tf / *.tf.json, *.tf, *.tf.json, plan JSON; and inventory JSON
       files written by "wif inventory --format json", merged into one view (de-duplicated by
       repository and address).`,
  flags: [
    { name: "format", takes: "value", value: INVENTORY_FORMATS.join("|"), help: "report format", default: "md" },
    { name: "output", short: "o", takes: "value", value: "<file>", help: "write the report to a file instead of stdout" },
    { name: "repository", takes: "value", value: "<owner/name>", help: "the repository holding the Terraform (default: $GITHUB_REPOSITORY)" },
    ...VAR_FLAGS,
  ],
  epilogue: `Exit codes: 0 the inventory was written; 2 bad usage or an input that could not be read (the
            inventory of everything readable is still written). Findings never fail this command:
            gate with wif lint.`,
  options: inventoryOptions,
  run: inventoryCommand,
});
