import { ownProps } from "../own-props";
import type { IamOpenidConnectProvider } from "@cdktf/provider-aws/lib/iam-openid-connect-provider";
import { Construct, IConstruct } from "constructs";
import { AwsPartition, checkAccountId, checkPartition, oidcProviderArn, parseOidcProviderArn } from "../../compile/aws/arn";
import { awsMessages } from "../../compile/aws/messages";
import { checkAudiences } from "../../trust/audiences";
import { WifValidationError, checkOptionsObject, quote } from "../../trust/errors";
import { issuerFromOption } from "../../trust/issuer";
import { Trust, missingAwsAudience } from "../../trust/trust";
import { engineOf, isUnresolved } from "../engine";
import { loadProviderModule } from "../providers";
import { scopedToConstruct } from "../scoped";
import { addDuplicateCheck } from "../duplicates";
import { terraformTags } from "../terraform-literal";
import { checkTags } from "./validation";

/** An IAM OIDC provider, created here or existing: what a role needs to trust it. */
export interface IAwsOidcProvider extends IConstruct {
  /** The provider's ARN (a token when created in this stack). */
  readonly providerArn: string;
  /** The issuer URL the provider serves, e.g. `https://token.actions.githubusercontent.com`. */
  readonly issuerUrl: string;
  /** The partition the provider lives in (used to compute trust-policy lengths before deploy). */
  readonly partition: AwsPartition;
  /** The audiences (client ids) the provider accepts, when known; `undefined` for imported providers. */
  readonly clientIds?: readonly string[];
}

/** Props of `AwsOidcProvider`. Give `trust` or `issuerUrl`. */
export interface AwsOidcProviderProps {
  /**
   * The trust whose issuer (and AWS audiences) this provider serves.
   * @default - none: `issuerUrl` and `clientIds` are then required
   */
  readonly trust?: Trust;
  /**
   * The issuer URL (`https://...`), exactly as tokens carry it in `iss` (AKS issuers keep their trailing slash).
   * @default - the trust's issuer URL
   */
  readonly issuerUrl?: string;
  /**
   * The audiences (`client_id_list`, 1-100 values) the provider accepts.
   * @default - `trust.audiencesFor("aws")`
   */
  readonly clientIds?: readonly string[];
  /**
   * The partition the stack deploys to, used to compute ARN lengths before deploy.
   * @default "aws"
   */
  readonly partition?: AwsPartition;
  /** @default - no tags */
  readonly tags?: Readonly<Record<string, string>>;
}

/** Where an existing provider is: its issuer URL and account. */
export interface AwsOidcProviderLookup {
  /** The issuer URL, e.g. `https://token.actions.githubusercontent.com`. */
  readonly issuerUrl: string;
  /** The 12-digit account id, or a token (e.g. `DataAwsCallerIdentity.accountId`). */
  readonly accountId: string;
  /** @default "aws" */
  readonly partition?: AwsPartition;
}

const PROPS = ["trust", "issuerUrl", "clientIds", "partition", "tags"];

/**
 * An IAM OIDC identity provider (`aws_iam_openid_connect_provider`) for one issuer. AWS allows one
 * provider per issuer URL per account: create it once, and reuse it elsewhere with
 * `AwsOidcProvider.fromArn` or `AwsOidcProvider.fromIssuer`. No thumbprints are set: AWS verifies
 * well-known issuers through trusted root CAs.
 *
 * @example
 * const github = new AwsOidcProvider(this, "github", { trust: deploy }); // client ids: ["sts.amazonaws.com"]
 * const shared = AwsOidcProvider.fromArn(this, "gh", "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com");
 */
export class AwsOidcProvider extends Construct implements IAwsOidcProvider {
  /** An existing provider by its literal ARN. */
  public static fromArn(scope: Construct, id: string, arn: string): IAwsOidcProvider {
    const field = "AwsOidcProvider.fromArn";
    if (typeof arn !== "string" || isUnresolved(arn)) {
      throw new WifValidationError(
        field,
        `${quote(arn)} is not a literal ARN, so the provider's issuer cannot be checked against the role's trust. ` +
          `Use AwsOidcProvider.fromIssuer(scope, id, { issuerUrl, accountId }) (the account id may be a token).`,
      );
    }
    if (/:oidc-provider\/[a-z]+:\/\//i.test(arn)) throw awsMessages.schemeInProviderArn(field, arn);
    const parts = parseOidcProviderArn(arn);
    if (!parts) throw awsMessages.notAProviderArn(field, arn);
    return new ImportedAwsOidcProvider(scope, id, arn, `https://${parts.hostAndPath}`, parts.partition);
  }

  /** An existing provider by issuer URL and account (the ARN is derived; the account may be a token). */
  public static fromIssuer(scope: Construct, id: string, lookup: AwsOidcProviderLookup): IAwsOidcProvider {
    const field = "AwsOidcProvider.fromIssuer";
    checkOptionsObject(field, lookup, ["issuerUrl", "accountId", "partition"], "{ issuerUrl, accountId, partition? }");
    const issuer = issuerFromOption(`${field}.issuerUrl`, lookup.issuerUrl);
    const partition = checkPartition(`${field}.partition`, lookup.partition ?? "aws");
    const accountId =
      typeof lookup.accountId === "string" && isUnresolved(lookup.accountId) ? lookup.accountId : checkAccountId(`${field}.accountId`, lookup.accountId);
    const arn = oidcProviderArn({ partition, accountId, hostAndPath: issuer.hostAndPath });
    return new ImportedAwsOidcProvider(scope, id, arn, issuer.url, partition);
  }

  public readonly providerArn: string;
  public readonly issuerUrl: string;
  public readonly partition: AwsPartition;
  public readonly clientIds: readonly string[];
  /** Escape hatch: the `aws_iam_openid_connect_provider` resource (`addOverride`, lifecycle, `thumbprintList`). */
  public readonly resource: IamOpenidConnectProvider;

  constructor(scope: Construct, id: string, props: AwsOidcProviderProps) {
    super(scope, id);
    const built = scopedToConstruct(this, () => this.build(props));
    this.providerArn = built.providerArn;
    this.issuerUrl = built.issuerUrl;
    this.partition = built.partition;
    this.clientIds = built.clientIds;
    this.resource = built.resource;
  }

  private build(props: AwsOidcProviderProps): Pick<AwsOidcProvider, "providerArn" | "issuerUrl" | "partition" | "clientIds" | "resource"> {
    const field = "AwsOidcProvider";
    const engine = engineOf(this, field);
    if (props === null || typeof props !== "object")
      throw new WifValidationError(field, `expected props { trust } or { issuerUrl, clientIds }, got ${quote(props)}.`);
    props = ownProps(field, props, PROPS);
    const { trust } = props;
    if (trust !== undefined && !(trust instanceof Trust)) throw new WifValidationError(`${field}.trust`, `expected a Trust, got ${quote(trust)}.`);
    if (trust === undefined && props.issuerUrl === undefined) {
      throw new WifValidationError(field, `give the trust (or the issuerUrl and clientIds) the provider serves.`);
    }
    const issuer = props.issuerUrl !== undefined ? issuerFromOption(`${field}.issuerUrl`, props.issuerUrl) : (trust as Trust).issuer;
    if (trust && issuer.url !== trust.issuer.url) {
      throw new WifValidationError(
        `${field}.issuerUrl`,
        `${quote(issuer.url)} differs from the trust's issuer ${quote(trust.issuer.url)}; a provider serves exactly one issuer. Remove issuerUrl.`,
      );
    }
    let clientIds: readonly string[];
    if (props.clientIds !== undefined) {
      clientIds = checkAudiences(`${field}.clientIds`, props.clientIds);
    } else if (trust) {
      const audiences = trust.audiencesFor("aws");
      if (audiences === undefined) throw missingAwsAudience(trust);
      clientIds = audiences;
    } else {
      throw new WifValidationError(`${field}.clientIds`, `without a trust, list the audiences tokens carry, e.g. clientIds: ["sts.amazonaws.com"].`);
    }
    if (clientIds.length > 100) throw new WifValidationError(`${field}.clientIds`, `${clientIds.length} client ids given; IAM accepts at most 100.`);
    const partition = checkPartition(`${field}.partition`, props.partition ?? "aws");
    const tags = checkTags(`${field}.tags`, props.tags);

    const { IamOpenidConnectProvider } = loadProviderModule<typeof import("@cdktf/provider-aws/lib/iam-openid-connect-provider")>(
      engine,
      "aws",
      "iam-openid-connect-provider",
      field,
    );
    addDuplicateCheck(this);
    const resource = new IamOpenidConnectProvider(this, "provider", {
      url: issuer.url,
      clientIdList: [...clientIds],
      ...(tags ? { tags: terraformTags(tags) } : {}),
    });
    return { providerArn: resource.arn, issuerUrl: issuer.url, partition, clientIds, resource };
  }
}

class ImportedAwsOidcProvider extends Construct implements IAwsOidcProvider {
  constructor(
    scope: Construct,
    id: string,
    public readonly providerArn: string,
    public readonly issuerUrl: string,
    public readonly partition: AwsPartition,
  ) {
    super(scope, id);
  }
}
