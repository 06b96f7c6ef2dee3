import {
  AddUserPoolClientSecretCommand, CognitoIdentityProviderClient, DeleteUserPoolClientSecretCommand, DescribeUserPoolClientCommand,
  ListUserPoolClientSecretsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { AwsStub, mockClient } from 'aws-sdk-client-mock';
import { awsError } from './fake-secrets-manager';

interface AppClientSecret {
  readonly id: string;
  readonly value: string;
  readonly created: Date;
}

interface AppClient {
  /** The ID of the secret the app client was created with. */
  readonly originalId: string;
  secrets: AppClientSecret[];
}

/**
 * Cognito's app client secrets, with the service's semantics for the calls the provider makes
 * (AddUserPoolClientSecret, ListUserPoolClientSecrets, DeleteUserPoolClientSecret, DescribeUserPoolClient):
 * - an app client holds two secrets at the most, and both are valid; a third is refused (LimitExceededException);
 * - the last remaining secret cannot be deleted;
 * - IDs read `<client-id>--<epoch-create-time>`; the list gives IDs and creation dates, never a value;
 * - DescribeUserPoolClient returns the secret the app client was created with while it has it, and none once that
 *   one is deleted (a secret added later is never returned there; as reported in floci-io/floci#345).
 */
export class FakeCognitoAppClients {
  public readonly mock: AwsStub<any, any, any>;
  private readonly clients = new Map<string, AppClient>();
  private clock = 1_780_000_000;
  /** The values AddUserPoolClientSecret generated, in order. */
  private readonly generated: string[] = [];

  constructor() {
    this.mock = mockClient(CognitoIdentityProviderClient);
    this.mock.on(DescribeUserPoolClientCommand).callsFake((input) => {
      const client = this.find(input.UserPoolId, input.ClientId);
      const original = client.secrets.find((s) => s.id === client.originalId);
      return { UserPoolClient: { UserPoolId: input.UserPoolId, ClientId: input.ClientId, ...(original ? { ClientSecret: original.value } : {}) } };
    });
    this.mock.on(ListUserPoolClientSecretsCommand).callsFake((input) => {
      const client = this.find(input.UserPoolId, input.ClientId);
      return { ClientSecrets: client.secrets.map((s) => ({ ClientSecretId: s.id, ClientSecretCreateDate: s.created })) };
    });
    this.mock.on(AddUserPoolClientSecretCommand).callsFake((input) => {
      const client = this.find(input.UserPoolId, input.ClientId);
      if (client.secrets.length >= 2) throw awsError('LimitExceededException', 'An app client can have at most 2 client secrets.');
      const secret = this.newSecret(input.ClientId, `mock-cognito-added-secret-${this.generated.length + 1}-5e6f7a8b9c0d1e2f3a4b5c6d7e8f`);
      this.generated.push(secret.value);
      client.secrets.push(secret);
      return { ClientSecretDescriptor: { ClientSecretId: secret.id, ClientSecretValue: secret.value, ClientSecretCreateDate: secret.created } };
    });
    this.mock.on(DeleteUserPoolClientSecretCommand).callsFake((input) => {
      const client = this.find(input.UserPoolId, input.ClientId);
      const index = client.secrets.findIndex((s) => s.id === input.ClientSecretId);
      if (index === -1) throw awsError('ResourceNotFoundException', `Client secret ${input.ClientSecretId} does not exist.`);
      if (client.secrets.length === 1) throw awsError('InvalidParameterException', 'You cannot delete the last remaining secret of an app client.');
      client.secrets.splice(index, 1);
      return {};
    });
  }

  /** An app client created with a generated secret (CreateUserPoolClient, GenerateSecret). */
  public createAppClient(userPoolId: string, clientId: string, secret: string): void {
    const original = this.newSecret(clientId, secret);
    this.clients.set(`${userPoolId}/${clientId}`, { originalId: original.id, secrets: [original] });
  }

  /** A secret added by hand (AddUserPoolClientSecret with a value of one's own); returns its ID. */
  public addByHand(userPoolId: string, clientId: string, value: string): string {
    const secret = this.newSecret(clientId, value);
    this.find(userPoolId, clientId).secrets.push(secret);
    return secret.id;
  }

  /** The values the app client accepts at the token endpoint now. */
  public validSecrets(userPoolId: string, clientId: string): string[] {
    return this.find(userPoolId, clientId).secrets.map((s) => s.value);
  }

  /** The IDs of the app client's secrets, oldest first. */
  public secretIds(userPoolId: string, clientId: string): string[] {
    return this.find(userPoolId, clientId).secrets.map((s) => s.id);
  }

  /** Every secret value AddUserPoolClientSecret generated, in order (for leak checks, and to name them in tests). */
  public addedValues(): string[] {
    return [...this.generated];
  }

  public restore(): void {
    this.mock.restore();
  }

  private newSecret(clientId: string, value: string): AppClientSecret {
    const created = new Date(++this.clock * 1000);
    return { id: `${clientId}--${this.clock}`, value, created };
  }

  private find(userPoolId: string, clientId: string): AppClient {
    const client = this.clients.get(`${userPoolId}/${clientId}`);
    if (!client) throw awsError('ResourceNotFoundException', `User pool client ${clientId} does not exist.`);
    return client;
  }
}
