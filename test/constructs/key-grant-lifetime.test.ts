import { App, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as kms from 'aws-cdk-lib/aws-kms';
import { ApplicationType, AuthorizationServer, ConfidentialClient } from '../../src';

/**
 * The provider reads a client's secrets under their KMS key to update the client (to move its secrets to a new key)
 * and to delete it (a registration's access token, to deregister it at the server). CloudFormation updates a policy in
 * place before the resources that depend on it, but deletes what left the template only once the update is complete,
 * after the resources that depended on it. So a grant the provider still needs must leave the template in a resource of
 * its own: the policies that grant keys are new resources when their grants change, and the old ones are deleted last.
 */

interface Template {
  readonly Resources: Record<string, { Type: string; DependsOn?: string[]; Properties?: any }>;
}

/** The stack of a deployment: a registered client 'Partner' with the given key, and a Cognito client 'Web' with key 'Other'. */
function deployment(partnerKey: 'stack' | 'A' | 'B' | 'removed', more: (stack: Stack) => void = () => undefined): Template {
  const app = new App();
  const stack = new Stack(app, 'Clients');
  const keys = { A: new kms.Key(stack, 'KeyA'), B: new kms.Key(stack, 'KeyB'), Other: new kms.Key(stack, 'KeyOther') };
  const pool = new cognito.UserPool(stack, 'Users');
  new ConfidentialClient(stack, 'Web', {
    authorizationServer: AuthorizationServer.cognito(pool), redirectUris: ['https://app.example.com/cb'], secretEncryptionKey: keys.Other,
  });
  if (partnerKey !== 'removed') {
    new ConfidentialClient(stack, 'Partner', {
      authorizationServer: AuthorizationServer.dynamicRegistration({ issuer: 'https://login.example.com' }),
      applicationType: ApplicationType.MACHINE_TO_MACHINE,
      scopes: ['api:read'],
      secretEncryptionKey: partnerKey === 'stack' ? undefined : keys[partnerKey],
    });
  }
  more(stack);
  return app.synth().getStackByName('Clients').template;
}

/** The logical IDs of the IAM policies of the template that grant kms:Decrypt on the key (by its logical ID's start). */
function grantsOn(template: Template, key: string): string[] {
  return Object.entries(template.Resources)
    .filter(([, r]) => r.Type === 'AWS::IAM::Policy' || r.Type === 'AWS::IAM::ManagedPolicy')
    .filter(([, r]) => r.Properties.PolicyDocument.Statement.some((st: { Action: string | string[]; Resource: unknown }) =>
      [st.Action].flat().includes('kms:Decrypt') && JSON.stringify(st.Resource).includes(`"${key}`)))
    .map(([id]) => id);
}

function partnerOf(template: Template): { DependsOn?: string[] } {
  const [partner] = Object.entries(template.Resources).filter(([id, r]) => id.startsWith('PartnerRegistration') && r.Type === 'Custom::OAuthClientRegistration');
  return partner[1];
}

describe('a client whose secretEncryptionKey changes keeps the old key\'s grant through its update', () => {
  test.each([
    ['from the stack\'s key to a key of its own', 'stack', 'A', 'CdkOAuthClientsSecretKey'],
    ['from a key of its own to another', 'A', 'B', 'KeyA'],
  ] as const)('%s: the grant on the new key is a new resource it waits for; the old grant leaves with its resource', (_, from, to, oldKey) => {
    const before = deployment(from);
    const after = deployment(to);
    const [oldGrant] = grantsOn(before, oldKey);
    const [newGrant] = grantsOn(after, to === 'A' ? 'KeyA' : 'KeyB');
    expect(oldGrant).toBeDefined();
    expect(newGrant).toBeDefined();
    // CloudFormation creates the new grant before it updates the client, which waits for it...
    expect(Object.keys(before.Resources)).not.toContain(newGrant);
    expect(partnerOf(after).DependsOn).toContain(newGrant);
    // ...and deletes the one on the old key only once the update is complete: a policy updated in place would lose it first.
    expect(Object.keys(after.Resources)).not.toContain(oldGrant);
    // The other client's key is still granted, in the new policy.
    expect(grantsOn(after, 'KeyOther')).toHaveLength(1);
  });
});

describe('a removed client keeps its key\'s grant until it is deleted', () => {
  test.each([
    ['on the stack\'s key, which no other client uses', 'stack', 'CdkOAuthClientsSecretKey'],
    ['on a key of its own', 'A', 'KeyA'],
  ] as const)('%s: the grant leaves the template in a resource the client depended on, which CloudFormation deletes after it', (_, key, keyId) => {
    const before = deployment(key);
    const after = deployment('removed');
    const [grant] = grantsOn(before, keyId);
    expect(partnerOf(before).DependsOn).toContain(grant);
    expect(Object.keys(after.Resources)).not.toContain(grant);
    expect(grantsOn(after, keyId)).toEqual([]);
  });
});

test('a deployment that changes no client\'s key replaces no grant, and synthesizes the same IDs each time', () => {
  const before = deployment('A');
  const grants = grantsOn(before, 'KeyA');
  expect(grantsOn(deployment('A'), 'KeyA')).toEqual(grants);
  const withAnotherClient = deployment('A', (stack) => new ConfidentialClient(stack, 'Api', {
    authorizationServer: AuthorizationServer.dynamicRegistration({ issuer: 'https://login.example.com' }),
    applicationType: ApplicationType.MACHINE_TO_MACHINE,
    scopes: ['api:write'],
  }));
  expect(grantsOn(withAnotherClient, 'KeyA')).toEqual(grants);
});
