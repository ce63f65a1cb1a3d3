import * as fs from "fs";
import * as path from "path";
import { explain } from "../../api/explain";
import { claimsObject, decodeJwtClaims, parseClaimArgument, QuestionError, questionFromClaims } from "../../explain/question";
import { explanationText } from "../../explain/text";
import { CLOUDS, Cloud } from "../../trust/audiences";
import { defineCommand } from "../command";
import type { FlagSpec, ParsedFlags } from "../flags";
import type { CliIo } from "../io";
import { EXIT, ExitCode } from "../report";
import { UsageError } from "../usage-error";
import { terraformEnvironment, VAR_FLAGS, VarOptions, varOptions } from "./terraform-vars";

/** The options of `wif explain`: the question's flags and the paths. */
export interface ExplainOptions extends VarOptions {
  readonly paths: readonly string[];
  /** @default "text" */
  readonly format: "text" | "json";
  readonly cloud?: Cloud;
  readonly claims?: string;
  readonly token?: string;
  readonly subject?: string;
  readonly issuer?: string;
  readonly audience?: string;
  /** `--claim NAME=VALUE`, repeatable. @default [] */
  readonly claim: readonly string[];
}

/** The flags of `wif explain`, in help order. */
export const EXPLAIN_FLAGS: readonly FlagSpec[] = [
  { name: "claims", takes: "value", value: "<file>", help: 'the token\'s claims as JSON ("-" reads stdin)' },
  { name: "token", takes: "value", value: "<JWT>", help: "a token: decoded, NOT verified, and never printed back" },
  { name: "subject", takes: "value", value: "<sub>", help: "a workload described by hand (with --issuer): the revocation question" },
  { name: "issuer", takes: "value", value: "<url>", help: "its issuer URL (with --subject)" },
  { name: "audience", takes: "value", value: "<aud>", help: "its aud (default: none, audience checks are skipped)" },
  { name: "claim", takes: "value", value: "<name=value>", repeatable: true, help: "another claim" },
  { name: "cloud", takes: "value", value: CLOUDS.join("|"), help: "only this cloud's trusts" },
  ...VAR_FLAGS,
  { name: "format", takes: "value", value: "text|json", help: "answer format", default: "text" },
];

function explainOptions(parsed: ParsedFlags): ExplainOptions {
  const v = parsed.values;
  const one = (name: string): string | undefined => (typeof v[name] === "string" ? (v[name] as string) : undefined);
  const format = one("format") ?? "text";
  if (format !== "text" && format !== "json") throw new UsageError(`--format must be one of text, json; got ${JSON.stringify(format)}.`);
  const cloud = one("cloud");
  if (cloud !== undefined && !(CLOUDS as readonly string[]).includes(cloud))
    throw new UsageError(`--cloud must be one of ${CLOUDS.join(", ")}; got ${JSON.stringify(cloud)}.`);
  const [claims, token, subject, issuer] = [one("claims"), one("token"), one("subject"), one("issuer")];
  const sources = [claims !== undefined, token !== undefined, subject !== undefined || issuer !== undefined].filter(Boolean).length;
  if (sources !== 1) throw new UsageError("ask one question: --claims FILE, --token JWT, or --subject S --issuer URL.");
  if (parsed.positionals.length === 0) throw new UsageError("no paths: name cdktf.out/, a directory of Terraform files, *.tf, *.tf.json or plan JSON.");
  const audience = one("audience");
  const variables = varOptions(parsed);
  return {
    paths: parsed.positionals,
    format,
    ...(cloud !== undefined ? { cloud: cloud as Cloud } : {}),
    ...(claims !== undefined ? { claims } : {}),
    ...(token !== undefined ? { token } : {}),
    ...(subject !== undefined ? { subject } : {}),
    ...(issuer !== undefined ? { issuer } : {}),
    ...(audience !== undefined ? { audience } : {}),
    claim: Array.isArray(v.claim) ? (v.claim as string[]) : [],
    ...variables,
  };
}

/**
 * `wif explain`: builds the question from the claims, a token (decoded, not verified, never echoed)
 * or a described workload, judges every trust of the inputs and prints the answer.
 *
 * @example
 * process.exitCode = await explainCommand({ subject: "repo:octo/app:ref:refs/heads/main", issuer: "https://token.actions.githubusercontent.com", paths: ["infra/"], format: "text", claim: [], varFiles: [], vars: {} }, io);
 */
export async function explainCommand(v: ExplainOptions, io: CliIo & { readonly stdin?: () => string }): Promise<ExitCode> {
  const format = v.format;
  let claims: Record<string, unknown>;
  try {
    if (v.claims !== undefined) {
      const file = v.claims;
      let text: string;
      try {
        text = file === "-" ? (io.stdin ? io.stdin() : fs.readFileSync(0, "utf8")) : fs.readFileSync(path.resolve(io.cwd, file), "utf8");
      } catch (err) {
        throw new QuestionError(`--claims ${file}: cannot be read: ${(err as Error).message}`);
      }
      claims = claimsObject(text, `--claims ${file}`);
    } else if (v.token !== undefined) {
      claims = decodeJwtClaims(v.token);
    } else {
      if (v.subject === undefined || v.issuer === undefined)
        throw new QuestionError("--subject and --issuer go together: name the workload's sub and its issuer URL.");
      claims = { iss: v.issuer, sub: v.subject, ...(v.audience !== undefined ? { aud: v.audience } : {}) };
    }
    for (const c of v.claim) {
      const [name, value] = parseClaimArgument(c);
      claims[name] = value;
    }
    if (v.audience !== undefined) claims.aud = v.audience;
  } catch (err) {
    if (err instanceof QuestionError) throw new UsageError(err.message);
    throw err;
  }

  let answer;
  try {
    const question = { ...questionFromClaims(claims), ...(v.subject !== undefined && claims.aud === undefined ? { audienceUnstated: true } : {}) };
    answer = await explain(question, v.paths, {
      cwd: io.cwd,
      varFiles: v.varFiles,
      vars: v.vars,
      environment: terraformEnvironment(io.env),
      ...(v.cloud ? { cloud: v.cloud } : {}),
    });
  } catch (err) {
    if (err instanceof QuestionError) throw new UsageError(err.message);
    throw err;
  }
  io.stdout.write(format === "json" ? `${JSON.stringify(answer, null, 2)}\n` : explanationText(answer, { fromToken: v.token !== undefined }));
  if (v.token !== undefined && format === "json") io.stderr.write("wif: the token was decoded, NOT verified (signature, expiry and issuer unchecked).\n");
  for (const p of answer.problems) io.stderr.write(`wif: ${p.file}${p.line ? `:${p.line}` : ""}: ${p.message}\n`);
  return answer.problems.length > 0 ? EXIT.error : EXIT.clean;
}

/** `wif explain`, as the command table holds it. */
export const EXPLAIN_COMMAND = defineCommand<ExplainOptions>({
  name: "explain",
  usage: "(--claims token.json | --token JWT | --subject S --issuer URL [--claim k=v ...]) <paths...> [options]",
  summary: "why a token is in or out of every trust in the Terraform",
  description: `Why a token is in or out: for every trust in the Terraform, accepted, rejected with the first
failing condition, or undecided with the values unknown here it depends on. Each cloud's own
semantics (IAM conditions, GCP mapping + CEL condition + IAM members, Azure exact/flexible).

Ask one question: --claims, --token, or --subject with --issuer.`,
  flags: EXPLAIN_FLAGS,
  epilogue: `Exit codes: 0 the question was answered (whatever the verdicts); 2 bad usage or an input that
            could not be read.`,
  options: explainOptions,
  run: explainCommand,
});
