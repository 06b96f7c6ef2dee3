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

/** A resource type's Create / Update / Delete. */
export interface ResourceHandler {
  create(request: CfnRequest): Promise<HandlerResult>;
  update(request: CfnRequest): Promise<HandlerResult>;
  delete(request: CfnRequest): Promise<HandlerResult>;
}

/** An error whose message is safe to return to CloudFormation and to log (never contains a secret). */
export class ProviderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProviderError';
  }
}

export function stringProperty(request: CfnRequest, name: string, required = true): string {
  const value = request.ResourceProperties[name];
  if (typeof value === 'string' && value.length > 0) return value;
  if (!required && (value === undefined || value === '')) return '';
  throw new ProviderError(`property ${name} must be a non-empty string`);
}
