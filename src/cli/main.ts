#!/usr/bin/env node
import { commandNamed, helpText, parseArgs } from "./args";
import type { CliIo } from "./io";
import { EXIT, ExitCode } from "./report";
import { UsageError } from "./usage-error";
import { toolVersion } from "./version";

/**
 * The `wif` command: parses the arguments, runs the command from the command table and returns its
 * exit code. Bad usage, a bad config or baseline and unexpected errors are written to stderr and
 * return 2.
 *
 * @example
 * const code = await main(["lint", "cdktf.out", "--format", "sarif"], { cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr });
 */
export async function main(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  try {
    const invocation = parseArgs(argv);
    if (invocation.command === "help") {
      io.stdout.write(helpText("topic" in invocation ? invocation.topic : undefined));
      return EXIT.clean;
    }
    if (invocation.command === "version") {
      io.stdout.write(`${toolVersion()}\n`);
      return EXIT.clean;
    }
    const command = commandNamed(invocation.command);
    if (!command || !("options" in invocation)) throw new Error(`parseArgs returned an unknown command ${invocation.command}`);
    return await command.run(invocation.options as never, io);
  } catch (err) {
    if (err instanceof UsageError) {
      const name = argv[0] !== undefined && commandNamed(argv[0]) ? `${argv[0]} ` : "";
      io.stderr.write(`wif: ${err.message}\nRun "wif ${name}--help" for usage.\n`);
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
