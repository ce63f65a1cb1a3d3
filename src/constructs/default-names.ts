import { createHash } from "crypto";

/**
 * Cloud names derived from a construct id when the user gives none. A construct id is a cdktf
 * concept, not a cloud id: an id the cloud would refuse (`"gcp"`, `"az"`, `"Deploy GCP"`) is turned
 * into a valid name (lowercased, padded, or cut with a hash of the id) rather than refused.
 */

function shortHash(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 8);
}

/**
 * A GCP pool or provider id (4-32 of `[a-z0-9-]`, not starting with `gcp-`) from a construct id.
 *
 * @example
 * defaultGcpId("gcp"); // "gcp-wif"
 * defaultGcpId("Deploy To Prod"); // "deploy-to-prod"
 */
export function defaultGcpId(constructId: string): string {
  let id = constructId
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^-+|-+$/g, "");
  if (id.startsWith("gcp-") || id === "gcp") id = `wif-${id}`;
  if (id.length > 32) id = `${id.slice(0, 23).replace(/-+$/, "")}-${shortHash(constructId)}`;
  if (id.length < 4) id = id.length === 0 ? `wif-${shortHash(constructId)}` : `${id}-wif`;
  return id;
}

/**
 * An Azure user-assigned identity name (3-128 of `[A-Za-z0-9_-]`, starting with a letter or digit) from a construct id.
 *
 * @example
 * defaultAzureIdentityName("az"); // "az-identity"
 */
export function defaultAzureIdentityName(constructId: string): string {
  let name = constructId.replace(/[^A-Za-z0-9_-]+/g, "-").replace(/^[-_]+/, "");
  if (name.length > 128) name = `${name.slice(0, 119)}-${shortHash(constructId)}`;
  if (name.length < 3) name = name.length === 0 ? `wif-${shortHash(constructId)}` : `${name}-identity`;
  return name;
}
