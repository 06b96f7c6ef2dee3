// The one provider Lambda of the library: serves every custom resource of a stack, and rotates the Cognito client
// secrets of those that ask for it.
import { CfnRequest, HandlerResult, NOTHING_CREATED, clientUnchanged, ProviderError, reasonOf, ResourceHandler } from './cfn-event';
import { CfnResponse, sendResponse } from './cfn-response';
import { clientRegistration } from './client-registration';
import { cognitoClientSecret } from './cognito-client-secret';
import { isRotationEvent, rotateCognitoClientSecret, RotationEvent } from './cognito-secret-rotation';
import { setDeadline } from './http';
import { log } from './log';
import { COGNITO_CLIENT_SECRET, OAUTH_CLIENT_REGISTRATION } from '../provider/resource-types';

const HANDLERS: Record<string, ResourceHandler> = {
  [COGNITO_CLIENT_SECRET]: cognitoClientSecret,
  [OAUTH_CLIENT_REGISTRATION]: clientRegistration,
};

async function dispatch(request: CfnRequest): Promise<HandlerResult> {
  const resource = HANDLERS[request.ResourceType];
  if (!resource) throw new ProviderError(`unknown resource type ${request.ResourceType}`);
  switch (request.RequestType) {
    case 'Create': return resource.create(request);
    case 'Update': return clientUnchanged(request, resource.providerSideProperties) ? resource.retag(request) : resource.update(request);
    case 'Delete': return resource.delete(request);
    default: throw new ProviderError(`unknown request type ${String((request as CfnRequest).RequestType)}`);
  }
}

/** What the handler reads of the Lambda context. */
export interface LambdaContext {
  getRemainingTimeInMillis(): number;
}

/** Time kept back to store what was done and answer CloudFormation after the last network wait. */
const RESPONSE_RESERVE_MS = 15000;

/** Secrets Manager invokes the function to rotate a secret; it waits for the invocation, and a throw fails the step. */
async function rotate(event: RotationEvent): Promise<void> {
  const about = { requestType: event.Step, physicalResourceId: event.SecretId };
  log({ event: 'rotation', ...about });
  try {
    await rotateCognitoClientSecret(event);
  } catch (e) {
    log({ event: 'rotation', ...about, status: 'FAILED', reason: reasonOf(e) });
    throw e;
  }
}

export async function handler(request: CfnRequest | RotationEvent, context?: LambdaContext): Promise<void> {
  if (isRotationEvent(request)) return rotate(request);
  // Without an answer CloudFormation waits an hour: stop waiting on the network in time to give one.
  setDeadline(context ? Date.now() + context.getRemainingTimeInMillis() - RESPONSE_RESERVE_MS : Number.POSITIVE_INFINITY);
  const about = {
    requestType: request.RequestType,
    resourceType: request.ResourceType,
    logicalResourceId: request.LogicalResourceId,
  };
  log({ event: 'request', ...about, physicalResourceId: request.PhysicalResourceId });
  let response: CfnResponse;
  try {
    const result = await dispatch(request);
    log({ event: 'response', ...about, physicalResourceId: result.physicalResourceId, status: 'SUCCESS' });
    response = { Status: 'SUCCESS', PhysicalResourceId: result.physicalResourceId, Data: result.data };
  } catch (e) {
    const reason = reasonOf(e);
    // A failed Create keeps no physical resource: the Delete CloudFormation sends after it must be a no-op.
    const physicalResourceId = request.PhysicalResourceId ?? NOTHING_CREATED;
    log({ event: 'response', ...about, physicalResourceId, status: 'FAILED', reason });
    response = { Status: 'FAILED', Reason: reason, PhysicalResourceId: physicalResourceId };
  }
  // Outside the try: a SUCCESS that cannot be sent is never turned into a FAILED for what was done.
  await sendResponse(request, response);
}
