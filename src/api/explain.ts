import { explainGraph, ExplainOptions as GraphExplainOptions } from "../explain/explain";
import type { Explanation, ExplainQuestion } from "../explain/model";
import { questionFromClaims } from "../explain/question";
import { graphFromUnits } from "../inventory/graph";
import { readInputs } from "../terraform/read-inputs";

/** Options of `explain()`. */
export interface ExplainOptions extends Omit<GraphExplainOptions, "problems"> {
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
 * Would a token with these claims be accepted by each trust in the Terraform inputs? `question` is
 * the token's decoded claims (`iss` required; never verified) or an `ExplainQuestion`. Loads no cdktf;
 * `@bufbuild/cel` is loaded only when a GCP provider is judged.
 *
 * @example
 * const answer = await explain({ iss: "https://token.actions.githubusercontent.com", sub: "repo:octo/app:ref:refs/heads/main", aud: "sts.amazonaws.com" }, ["infra/"]);
 * answer.verdicts.filter((v) => v.decision === "accepted");
 */
export async function explain(
  question: ExplainQuestion | Readonly<Record<string, unknown>>,
  paths: readonly string[],
  options: ExplainOptions = {},
): Promise<Explanation> {
  const q = isQuestion(question) ? question : questionFromClaims(question);
  const read = await readInputs(paths, {
    cwd: options.cwd ?? process.cwd(),
    varFiles: options.varFiles ?? [],
    vars: options.vars ?? {},
    environment: options.environment ?? {},
  });
  return explainGraph(q, graphFromUnits(read.units), { ...options, problems: read.problems });
}

function isQuestion(q: ExplainQuestion | Readonly<Record<string, unknown>>): q is ExplainQuestion {
  const claims = (q as Record<string, unknown>).claims;
  return typeof q.iss === "string" && claims !== null && typeof claims === "object" && !Array.isArray(claims);
}
