#!/usr/bin/env node
import { parseArgs, USAGE, UsageError } from "./args";
import { explainCommand } from "./commands/explain";
import { inventoryCommand } from "./commands/inventory";
import { CliIo, lintCommand } from "./commands/lint";
import { EXIT, ExitCode } from "./report";
import { toolVersion } from "./version";

/**
 * The `wif` command: parses the arguments, runs the command and returns its exit code. Bad usage
 * and unexpected errors are written to stderr and return 2.
 *
 * @example
 * const code = await main(["lint", "cdktf.out", "--format", "sarif"], { cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr });
 */
export async function main(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  try {
    if (argv[0] === "inventory") return await inventoryCommand(argv.slice(1), io);
    if (argv[0] === "explain") return await explainCommand(argv.slice(1), io);
    const invocation = parseArgs(argv);
    switch (invocation.command) {
      case "help":
        io.stdout.write(invocation.topic === undefined ? `${USAGE}\nOther commands: wif inventory --help (who can reach what), wif explain --help (why a token is in or out).\n` : USAGE);
        return EXIT.clean;
      case "version":
        io.stdout.write(`${toolVersion()}\n`);
        return EXIT.clean;
      case "lint":
        return await lintCommand(invocation.options, io);
    }
  } catch (err) {
    if (err instanceof UsageError) {
      const command = argv[0] === "inventory" || argv[0] === "explain" ? argv[0] : "lint";
      io.stderr.write(`wif: ${err.message}\nRun "wif ${command} --help" for usage.\n`);
    } else {
      io.stderr.write(`wif: internal error: ${(err as Error)?.stack ?? String(err)}\n`);
    }
    return EXIT.error;
  }
}

if (require.main === module) {
  // Fail closed: should the run stop without settling (a parser that never calls back), exit 2, not 0.
  let finished = false;
  process.exitCode = EXIT.error;
  process.on("beforeExit", () => {
    if (!finished) process.stderr.write("wif: internal error: the run stopped before it finished; nothing was checked completely.\n");
  });
  void main(process.argv.slice(2), { cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr }).then((code) => {
    finished = true;
    process.exitCode = code;
  });
}
