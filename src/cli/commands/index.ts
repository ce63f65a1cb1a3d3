import type { Command } from "../command";
import { EXPLAIN_COMMAND } from "./explain";
import { INVENTORY_COMMAND } from "./inventory";
import { LINT_COMMAND } from "./lint";
import { RULES_COMMAND } from "./rules";

/**
 * Every `wif` subcommand, in `wif --help` order. Adding a command is one entry here: its module
 * declares its flags, how they become options, and what it runs (see `defineCommand`).
 */
export const COMMANDS: readonly Command[] = [LINT_COMMAND, INVENTORY_COMMAND, EXPLAIN_COMMAND, RULES_COMMAND];
