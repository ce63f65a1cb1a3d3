import type { TrustGraph } from "../inventory/graph";
import type { Cloud } from "../trust/audiences";
import { judgeAws } from "./aws";
import { judgeAzure } from "./azure";
import { judgeGcp } from "./gcp";
import { EXPLAIN_SCHEMA_VERSION, Explanation, ExplainQuestion, ExplainVerdict, Judgement } from "./model";

/** Options of `explainGraph`. */
export interface ExplainOptions {
  /**
   * Only the trusts of this cloud.
   * @default - every cloud
   */
  readonly cloud?: Cloud;
  /** Inputs that could not be read, carried into the answer. @default [] */
  readonly problems?: Explanation["problems"];
}

/**
 * For every trust of the graph: would the cloud accept a token with these claims? Each cloud's own
 * semantics (see judgeAws, judgeGcp, judgeAzure); values unknown here make a trust `undecided`, with
 * what it depends on. The token itself never appears in the answer.
 *
 * @example
 * explainGraph({ iss: "https://token.actions.githubusercontent.com", sub: "repo:octo/app:ref:refs/heads/main", aud: "sts.amazonaws.com", claims }, graph);
 */
export function explainGraph(question: ExplainQuestion, graph: TrustGraph, options: ExplainOptions = {}): Explanation {
  const verdicts: ExplainVerdict[] = [];
  const problems: { file: string; line?: number; message: string }[] = [...(options.problems ?? []), ...graph.problems];
  for (const unit of graph.units) {
    const seen = new Map<string, number>();
    for (const facts of unit.facts) {
      if (options.cloud !== undefined && facts.cloud !== options.cloud) continue;
      const resource = unit.byAddress.get(facts.address);
      const base = `${unit.name}//${facts.address}`;
      const n = seen.get(base) ?? 0;
      seen.set(base, n + 1);
      const source = facts.source ?? resource?.source;
      let judgement: Judgement;
      try {
        if (!resource) judgement = { decision: "undecided", reason: "the resource is not in these files", dependsOn: [facts.address] };
        else if (facts.cloud === "gcp") judgement = judgeGcp(facts, resource, unit.byAddress, question);
        else if (facts.cloud === "azure") judgement = judgeAzure(facts, resource, question);
        else judgement = judgeAws(facts, unit, question);
      } catch (err) {
        // One trust that cannot be judged is a problem naming it; the others are still answered.
        const where = source ?? { file: unit.name };
        problems.push({
          file: where.file,
          ...(where.line ? { line: where.line } : {}),
          message: `${facts.address}: could not be judged: ${(err as Error)?.message ?? String(err)}; the other trusts are answered. Report a bug in wif with a copy of the resource.`,
        });
        continue;
      }
      verdicts.push({
        id: n === 0 ? base : `${base}#${facts.issuer.url ?? n}`,
        cloud: facts.cloud ?? "aws",
        address: facts.address,
        ...(source?.file !== undefined ? { file: source.file } : {}),
        ...(source?.line !== undefined ? { line: source.line } : {}),
        ...judgement,
      });
    }
  }
  return { schemaVersion: EXPLAIN_SCHEMA_VERSION, question, verdicts, problems };
}
