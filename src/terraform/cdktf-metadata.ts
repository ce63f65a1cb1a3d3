import type { Finding, SourceLocation } from "../lint/finding";
import type { CdktfOrigin, TerraformResource } from "./resources";

export type { CdktfOrigin } from "./resources";

/**
 * The construct path and, when cdktf recorded a stack trace (`metadata.stackTrace`), the first frame
 * in the user's code: not inside `node_modules`, not Node's own, not this library.
 *
 * @example
 * cdktfOrigin({ "//": { metadata: { path: "app/deploy/role", stackTrace: ["at new Deploy (/src/main.ts:12:5)"] } } });
 * // { constructPath: "app/deploy/role", definedAt: { file: "/src/main.ts", line: 12 } }
 */
export function cdktfOrigin(values: Readonly<Record<string, unknown>>): CdktfOrigin | undefined {
  const comment = values["//"];
  if (comment === null || typeof comment !== "object" || Array.isArray(comment)) return undefined;
  const metadata = (comment as { metadata?: unknown }).metadata;
  if (metadata === null || typeof metadata !== "object") return undefined;
  const { path, stackTrace } = metadata as { path?: unknown; stackTrace?: unknown };
  if (typeof path !== "string" || path.length === 0) return undefined;
  const definedAt = Array.isArray(stackTrace) ? userFrame(stackTrace) : undefined;
  return { constructPath: path, ...(definedAt ? { definedAt } : {}) };
}

const FRAME = /\(?((?:[A-Za-z]:)?[^():\s][^():]*):(\d+):\d+\)?\s*$/;

function userFrame(frames: readonly unknown[]): SourceLocation | undefined {
  for (const frame of frames) {
    if (typeof frame !== "string") continue;
    const m = FRAME.exec(frame.trim());
    if (!m) continue;
    const file = m[1];
    if (/[\\/]node_modules[\\/]|^node:|^internal[\\/]|[\\/]cdktf-wif[\\/](lib|src)[\\/]/.test(file)) continue;
    return { file, line: Number(m[2]) };
  }
  return undefined;
}

/**
 * The findings with the construct path (and user source location) of the resource each names,
 * read from the resources' cdktf metadata; findings of resources without metadata are unchanged.
 */
export function withCdktfOrigins(findings: readonly Finding[], resources: readonly TerraformResource[]): Finding[] {
  const origins = new Map<string, CdktfOrigin>();
  for (const r of resources) {
    const origin = cdktfOrigin(r.values);
    if (origin && !origins.has(r.address)) origins.set(r.address, origin);
  }
  return findings.map((f) => {
    const origin = origins.get(f.address);
    if (!origin || f.constructPath !== undefined) return f;
    return { ...f, constructPath: origin.constructPath, ...(origin.definedAt ? { definedAt: origin.definedAt } : {}) };
  });
}
