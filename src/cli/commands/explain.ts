import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "node:util";
import { explain } from "../../api/explain";
import { claimsObject, decodeJwtClaims, parseClaimArgument, QuestionError, questionFromClaims } from "../../explain/question";
import { explanationText } from "../../explain/text";
import { CLOUDS, Cloud } from "../../trust/audiences";
import { UsageError } from "../args";
import { EXIT, ExitCode } from "../report";
import type { CliIo } from "./lint";
import { parseVars } from "./terraform-vars";

export const EXPLAIN_USAGE = `Usage: wif explain (--claims token.json | --token JWT | --subject S --issuer URL [--claim k=v ...]) <paths...> [options]

Why a token is in or out: for every trust in the Terraform, accepted, rejected with the first
failing condition, or undecided with the values unknown here it depends on. Each cloud's own
semantics (IAM conditions, GCP mapping + CEL condition + IAM members, Azure exact/flexible).

The question:
  --claims <file>              the token's claims as JSON ("-" reads stdin)
  --token <JWT>                a token: decoded, NOT verified, and never printed back
  --subject <sub> --issuer <url>
                               a workload described by hand (the revocation question)
  --audience <aud>             its aud (default: none, audience checks are skipped)
  --claim <name=value>         another claim (repeatable)

Options:
  --cloud aws|gcp|azure        only this cloud's trusts
  --var-file <file>            Terraform variables file (repeatable)
  --var <name=value>           a Terraform variable (repeatable)
  --format text|json           answer format (default: text)
  -h, --help                   this help

Exit codes: 0 the question was answered (whatever the verdicts); 2 bad usage or an input that
            could not be read.
`;

/**
 * `wif explain`: builds the question from the claims, a token (decoded, not verified, never echoed)
 * or a described workload, judges every trust of the inputs and prints the answer.
 *
 * @example
 * process.exitCode = await explainCommand(["--subject", "repo:octo/app:ref:refs/heads/main", "--issuer", "https://token.actions.githubusercontent.com", "infra/"], io);
 */
export async function explainCommand(argv: readonly string[], io: CliIo & { readonly stdin?: () => string }): Promise<ExitCode> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        claims: { type: "string" },
        token: { type: "string" },
        subject: { type: "string" },
        issuer: { type: "string" },
        audience: { type: "string" },
        claim: { type: "string", multiple: true },
        cloud: { type: "string" },
        "var-file": { type: "string", multiple: true },
        var: { type: "string", multiple: true },
        format: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (err) {
    // Never echo a token: node's messages quote unknown options, not values, but say only the option.
    throw new UsageError((err as Error).message.split(". ")[0].replace(/\.$/, "") + ".");
  }
  const v = parsed.values;
  if (v.help) {
    io.stdout.write(EXPLAIN_USAGE);
    return EXIT.clean;
  }
  const format = v.format ?? "text";
  if (format !== "text" && format !== "json") throw new UsageError(`--format must be one of text, json; got ${JSON.stringify(format)}.`);
  if (v.cloud !== undefined && !(CLOUDS as readonly string[]).includes(v.cloud)) throw new UsageError(`--cloud must be one of ${CLOUDS.join(", ")}; got ${JSON.stringify(v.cloud)}.`);
  const sources = [v.claims !== undefined, v.token !== undefined, v.subject !== undefined || v.issuer !== undefined].filter(Boolean).length;
  if (sources !== 1) throw new UsageError("ask one question: --claims FILE, --token JWT, or --subject S --issuer URL.");
  if (parsed.positionals.length === 0) throw new UsageError("no paths: name cdktf.out/, a directory of Terraform files, *.tf, *.tf.json or plan JSON.");

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
      if (v.subject === undefined || v.issuer === undefined) throw new QuestionError("--subject and --issuer go together: name the workload's sub and its issuer URL.");
      claims = { iss: v.issuer, sub: v.subject, ...(v.audience !== undefined ? { aud: v.audience } : {}) };
    }
    for (const c of v.claim ?? []) {
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
    answer = await explain(question, parsed.positionals, { cwd: io.cwd, varFiles: v["var-file"] ?? [], vars: parseVars(v.var), ...(v.cloud ? { cloud: v.cloud as Cloud } : {}) });
  } catch (err) {
    if (err instanceof QuestionError) throw new UsageError(err.message);
    throw err;
  }
  io.stdout.write(format === "json" ? `${JSON.stringify(answer, null, 2)}\n` : explanationText(answer, { fromToken: v.token !== undefined }));
  if (v.token !== undefined && format === "json") io.stderr.write("wif: the token was decoded, NOT verified (signature, expiry and issuer unchecked).\n");
  for (const p of answer.problems) io.stderr.write(`wif: ${p.file}${p.line ? `:${p.line}` : ""}: ${p.message}\n`);
  return answer.problems.length > 0 ? EXIT.error : EXIT.clean;
}
