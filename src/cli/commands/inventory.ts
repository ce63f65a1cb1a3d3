import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "node:util";
import { inventory } from "../../api/inventory";
import { inventoryHtml } from "../../inventory/html";
import { inventoryMarkdown } from "../../inventory/markdown";
import { UsageError } from "../args";
import { EXIT, ExitCode } from "../report";
import { toolVersion } from "../version";
import type { CliIo } from "./lint";
import { parseVars } from "./terraform-vars";

export const INVENTORY_FORMATS = ["md", "json", "html"] as const;

export const INVENTORY_USAGE = `Usage: wif inventory <paths...|inventory.json...> [options]

Who can reach what, across clouds: every AWS role trusting an OIDC provider, GCP workload identity
provider and Azure federated credential, who it admits, its findings and what it can do; the same
turned around per workload family (the blast radius); a summary.

Paths: cdktf.out/, directories of *.tf / *.tf.json, *.tf, *.tf.json, plan JSON; and inventory JSON
       files written by "wif inventory --format json", merged into one view (de-duplicated by
       repository and address).

Options:
  --format md|json|html        report format (default: md)
  -o, --output <file>          write the report to a file instead of stdout
  --repository <owner/name>    the repository holding the Terraform (default: $GITHUB_REPOSITORY)
  --var-file <file>            Terraform variables file (repeatable)
  --var <name=value>           a Terraform variable (repeatable)
  -h, --help                   this help

Exit codes: 0 the inventory was written; 2 bad usage or an input that could not be read (the
            inventory of everything readable is still written). Findings never fail this command:
            gate with wif lint.
`;

/**
 * `wif inventory`: reads Terraform inputs and inventory JSON files, writes the inventory in the
 * chosen format and returns 0, or 2 when an input could not be read or the report not written.
 *
 * @example
 * process.exitCode = await inventoryCommand(["infra/", "--format", "json"], io);
 */
export async function inventoryCommand(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const options = parseInventoryArgs(argv);
  if (options === "help") {
    io.stdout.write(INVENTORY_USAGE);
    return EXIT.clean;
  }
  const repository = options.repository ?? (io.env.GITHUB_REPOSITORY || undefined);
  const result = await inventory(options.paths, { cwd: io.cwd, tool: `wif ${toolVersion()}`, varFiles: options.varFiles, vars: options.vars, ...(repository ? { repository } : {}) });
  const text = options.format === "json" ? `${JSON.stringify(result, null, 2)}\n` : options.format === "html" ? inventoryHtml(result) : inventoryMarkdown(result);
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

interface InventoryArgs {
  readonly paths: readonly string[];
  readonly format: (typeof INVENTORY_FORMATS)[number];
  readonly output?: string;
  readonly repository?: string;
  readonly varFiles: readonly string[];
  readonly vars: Readonly<Record<string, string>>;
}

function parseInventoryArgs(argv: readonly string[]): InventoryArgs | "help" {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        format: { type: "string" },
        output: { type: "string", short: "o" },
        repository: { type: "string" },
        "var-file": { type: "string", multiple: true },
        var: { type: "string", multiple: true },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (err) {
    throw new UsageError(`${(err as Error).message.replace(/\. To specify.*$/s, "")}.`.replace(/\.\.$/, "."));
  }
  const v = parsed.values;
  if (v.help) return "help";
  const format = v.format ?? "md";
  if (!(INVENTORY_FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${INVENTORY_FORMATS.join(", ")}; got ${JSON.stringify(format)}.`);
  if (v.output === "") throw new UsageError("--output needs a file name.");
  if (parsed.positionals.length === 0) throw new UsageError("no paths: name cdktf.out/, a directory of Terraform files, *.tf, *.tf.json, plan JSON or inventory JSON files.");
  return {
    paths: parsed.positionals,
    format: format as InventoryArgs["format"],
    ...(v.output !== undefined ? { output: v.output } : {}),
    ...(v.repository !== undefined ? { repository: v.repository } : {}),
    varFiles: v["var-file"] ?? [],
    vars: parseVars(v.var),
  };
}
