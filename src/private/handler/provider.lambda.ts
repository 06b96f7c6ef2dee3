// The one provider Lambda of the library: serves every custom resource of a stack.
import { CfnRequest, HandlerResult, NOTHING_CREATED, ProviderError, ResourceHandler } from './cfn-event';
import { sendResponse } from './cfn-response';
import { clientRegistration } from './client-registration';
import { cognitoClientSecret } from './cognito-client-secret';
import { log } from './log';
import { COGNITO_CLIENT_SECRET, OAUTH_CLIENT_REGISTRATION } from '../provider/resource-types';

const HANDLERS: Record<string, ResourceHandler> = {
  [COGNITO_CLIENT_SECRET]: cognitoClientSecret,
  [OAUTH_CLIENT_REGISTRATION]: clientRegistration,
};

/** A reason CloudFormation may show: our own messages, or an AWS error's name and message (which carry no secret). */
function reasonOf(e: unknown): string {
  if (e instanceof ProviderError) return e.message;
  const err = e as { name?: string; message?: string };
  return `${err.name ?? 'Error'}: ${err.message ?? 'unknown error'}`.slice(0, 1000);
}

async function dispatch(request: CfnRequest): Promise<HandlerResult> {
  const resource = HANDLERS[request.ResourceType];
  if (!resource) throw new ProviderError(`unknown resource type ${request.ResourceType}`);
  switch (request.RequestType) {
    case 'Create': return resource.create(request);
    case 'Update': return resource.update(request);
    case 'Delete': return resource.delete(request);
    default: throw new ProviderError(`unknown request type ${String((request as CfnRequest).RequestType)}`);
  }
}

export async function handler(request: CfnRequest): Promise<void> {
  const context = {
    requestType: request.RequestType,
    resourceType: request.ResourceType,
    logicalResourceId: request.LogicalResourceId,
  };
  log({ event: 'request', ...context, physicalResourceId: request.PhysicalResourceId });
  try {
    const result = await dispatch(request);
    log({ event: 'response', ...context, physicalResourceId: result.physicalResourceId, status: 'SUCCESS' });
    await sendResponse(request, { Status: 'SUCCESS', PhysicalResourceId: result.physicalResourceId, Data: result.data });
  } catch (e) {
    const reason = reasonOf(e);
    // A failed Create keeps no physical resource: the Delete CloudFormation sends after it must be a no-op.
    const physicalResourceId = request.PhysicalResourceId ?? NOTHING_CREATED;
    log({ event: 'response', ...context, physicalResourceId, status: 'FAILED', reason });
    await sendResponse(request, { Status: 'FAILED', Reason: reason, PhysicalResourceId: physicalResourceId });
  }
}
