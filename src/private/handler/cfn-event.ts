/** The CloudFormation custom resource request (the fields this provider reads). */
export interface CfnRequest {
  readonly RequestType: 'Create' | 'Update' | 'Delete';
  readonly ResponseURL: string;
  readonly StackId: string;
  readonly RequestId: string;
  readonly ResourceType: string;
  readonly LogicalResourceId: string;
  readonly PhysicalResourceId?: string;
  readonly ResourceProperties: Record<string, unknown>;
  readonly OldResourceProperties?: Record<string, unknown>;
}

/**
 * The physical ID reported for a Create that failed before anything existed: the Delete CloudFormation sends
 * after it must touch nothing.
 */
export const NOTHING_CREATED = 'nothing-created';

/** What a resource handler returns: the physical ID and non-secret attributes only. */
export interface HandlerResult {
  readonly physicalResourceId: string;
  readonly data?: Record<string, string>;
}

/** A resource type's Create / Update / Delete, and an Update that keeps it as it is (retag). */
export interface ResourceHandler {
  /** The properties that change only what the provider does, not the resource itself: an Update of these alone is a retag. */
  readonly providerSideProperties?: readonly string[];
  create(request: CfnRequest): Promise<HandlerResult>;
  update(request: CfnRequest): Promise<HandlerResult>;
  delete(request: CfnRequest): Promise<HandlerResult>;
  /**
   * An Update that changes nothing of the resource but its tags, or the properties named in providerSideProperties:
   * tags the secrets the resource wrote, and keeps the rest as it is.
   */
  retag(request: CfnRequest): Promise<HandlerResult>;
}

/** An error whose message is safe to return to CloudFormation and to log (never contains a secret). */
export class ProviderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProviderError';
  }
}

/** A reason CloudFormation may show, or the log may carry: our own messages, or an AWS error's name and message (which carry no secret). */
export function reasonOf(e: unknown): string {
  if (e instanceof ProviderError) return e.message;
  const err = e as { name?: string; message?: string };
  return `${err.name ?? 'Error'}: ${err.message ?? 'unknown error'}`.slice(0, 1000);
}

export function stringProperty(request: CfnRequest, name: string, required = true): string {
  const value = request.ResourceProperties[name];
  if (typeof value === 'string' && value.length > 0) return value;
  if (!required && (value === undefined || value === '')) return '';
  throw new ProviderError(`property ${name} must be a non-empty string`);
}

/** A tag as CloudFormation and Secrets Manager write it. */
export interface Tag {
  readonly Key: string;
  readonly Value: string;
}

/** The CDK tags of the resource (property `Tags`) for the secrets it writes, and the keys it no longer has. */
export interface SecretTags {
  readonly tags: Tag[];
  readonly removedKeys: string[];
}

function tagsOf(properties: Record<string, unknown> | undefined): Tag[] {
  const tags = properties?.Tags;
  return Array.isArray(tags) ? tags.filter((t): t is Tag => typeof t?.Key === 'string' && typeof t?.Value === 'string') : [];
}

export function secretTags(request: CfnRequest): SecretTags {
  const tags = tagsOf(request.ResourceProperties);
  const keys = new Set(tags.map((t) => t.Key));
  return { tags, removedKeys: tagsOf(request.OldResourceProperties).map((t) => t.Key).filter((k) => !keys.has(k)) };
}

/** The same JSON value, whatever the order of object keys. */
function sameJson(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return a === b;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a as object);
  const keysB = Object.keys(b as object);
  return keysA.length === keysB.length
    && keysA.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/**
 * An Update that changes nothing of the client: its tags at most, or CloudFormation's own `ServiceTimeout`, which
 * reaches the provider among the properties (the library version that first set it updates every client once), or
 * the other properties named, which a resource type knows change nothing of it either.
 */
export function clientUnchanged(request: CfnRequest, alsoIgnored: readonly string[] = []): boolean {
  if (request.RequestType !== 'Update' || !request.OldResourceProperties) return false;
  const ignored = new Set(['Tags', 'ServiceTimeout', ...alsoIgnored]);
  const rest = (properties: Record<string, unknown>) => Object.fromEntries(Object.entries(properties).filter(([key]) => !ignored.has(key)));
  return sameJson(rest(request.ResourceProperties), rest(request.OldResourceProperties));
}
