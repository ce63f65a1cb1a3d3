import type { IConstruct } from "constructs";
import { quote } from "../trust/errors";
import { engineOf, isStack } from "./engine";

/** One resource of a synthesized stack, as the duplicate check reads it. */
interface Block {
  readonly type: string;
  readonly values: Readonly<Record<string, unknown>>;
}

/** What must be unique, per resource type: the key, and the fix when it is not. */
const UNIQUE: Readonly<
  Record<string, { readonly key: (v: Readonly<Record<string, unknown>>) => string | false; readonly what: string; readonly fix: string }>
> = {
  aws_iam_openid_connect_provider: {
    key: (v) => literal(v.url) && `${provider(v, "aws")} ${v.url}`,
    what: "IAM OIDC providers for the same issuer under the same AWS provider configuration (IAM allows one per issuer URL per account)",
    fix: "create the provider once and pass it to the other roles with oidcProvider, or import it: AwsOidcProvider.fromIssuer(scope, id, { issuerUrl, accountId })",
  },
  google_iam_workload_identity_pool: {
    key: (v) => literal(v.project) && literal(v.workload_identity_pool_id) && `${provider(v, "google")} ${v.project} ${v.workload_identity_pool_id}`,
    what: "workload identity pools with the same id in one project",
    fix: "create the pool once (poolId) and add the other providers to it with existingPoolId",
  },
  azurerm_federated_identity_credential: {
    key: (v) => typeof v.parent_id === "string" && literal(v.issuer) && literal(v.subject) && `${v.parent_id} ${v.issuer} ${v.subject}`,
    what: "federated credentials with the same issuer and subject on one managed identity (Entra requires them unique)",
    fix: "declare the subject once: one trust per identity, or Subject.anyOf([...]) without repeats",
  },
  azuread_application_federated_identity_credential: {
    key: (v) => typeof v.application_id === "string" && literal(v.issuer) && literal(v.subject) && `${v.application_id} ${v.issuer} ${v.subject}`,
    what: "federated credentials with the same issuer and subject on one app registration (Entra requires them unique)",
    fix: "declare the subject once: one trust per app registration, or Subject.anyOf([...]) without repeats",
  },
};

function literal(value: unknown): value is string {
  return typeof value === "string" && !value.includes("${");
}

function provider(values: Readonly<Record<string, unknown>>, name: string): string {
  return typeof values.provider === "string" ? values.provider : name;
}

function pathOf(values: Readonly<Record<string, unknown>>, fallback: string): string {
  const path = (values["//"] as { metadata?: { path?: unknown } } | undefined)?.metadata?.path;
  return typeof path === "string" ? path : fallback;
}

/**
 * The resources of a synthesized stack that Terraform would create twice and the cloud would refuse at
 * apply time: two OIDC providers for one issuer under one AWS provider configuration, two pools with
 * one id in a project, two Azure credentials with one issuer and subject on one identity. One message
 * per duplicate, naming both construct paths and the fix.
 *
 * @example
 * duplicateProblems(stack.toTerraform()); // ['2 IAM OIDC providers for the same issuer ...: stack/a/..., stack/b/.... Fix: ...']
 */
export function duplicateProblems(config: unknown): string[] {
  const resources = (config as { resource?: Record<string, Record<string, unknown>> } | null)?.resource ?? {};
  const problems: string[] = [];
  for (const [type, rule] of Object.entries(UNIQUE)) {
    const seen = new Map<string, string[]>();
    for (const [name, body] of Object.entries(resources[type] ?? {})) {
      const block: Block = { type, values: (body ?? {}) as Record<string, unknown> };
      const key = rule.key(block.values);
      if (!key) continue;
      seen.set(key, [...(seen.get(key) ?? []), pathOf(block.values, `${type}.${name}`)]);
    }
    for (const [key, paths] of seen) {
      if (paths.length < 2) continue;
      problems.push(
        `${paths.length} ${rule.what}: ${paths.map((p) => quote(p)).join(", ")} (${quote(key)}); the second would fail at apply time. Fix: ${rule.fix}.`,
      );
    }
  }
  return problems;
}

const CHECKED = new WeakSet<IConstruct>();

/** Adds the duplicate check to the stack of `scope`, once per stack; it runs with cdktf's validations at synth. */
export function addDuplicateCheck(scope: IConstruct): void {
  const stack = [...scope.node.scopes].reverse().find(isStack);
  if (stack === undefined || CHECKED.has(stack)) return;
  CHECKED.add(stack);
  const { api } = engineOf(stack, "duplicate check");
  const resolve = (value: unknown) => api.Tokenization.resolve(value, { scope: stack, resolver: new api.DefaultTokenResolver(new api.StringConcat()) });
  stack.node.addValidation({ validate: () => duplicateProblems(checkedResources(stack, resolve)) });
}

interface SynthesizableResource extends IConstruct {
  readonly terraformResourceType: string;
  toTerraform(): unknown;
}

/**
 * The stack's resources of the checked types only, resolved: `{ resource: { type: { name: body } } }`.
 * Synthesizing the whole stack here would resolve every token a second time (about 40 % of a synth
 * of 500 roles); only the few providers, pools and credentials matter.
 */
function checkedResources(stack: IConstruct, resolve: (value: unknown) => unknown): unknown {
  const resource: Record<string, Record<string, unknown>> = {};
  for (const c of stack.node.findAll()) {
    const type = (c as Partial<SynthesizableResource>).terraformResourceType;
    if (typeof type !== "string" || !(type in UNIQUE) || typeof (c as Partial<SynthesizableResource>).toTerraform !== "function") continue;
    const blocks = (resolve((c as SynthesizableResource).toTerraform()) as { resource?: Record<string, Record<string, unknown>> } | undefined)?.resource?.[
      type
    ];
    if (blocks !== undefined) resource[type] = { ...(resource[type] ?? {}), ...blocks };
  }
  return { resource };
}
