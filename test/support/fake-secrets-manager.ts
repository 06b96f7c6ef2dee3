import {
  CreateSecretCommand, DeleteSecretCommand, DescribeSecretCommand, GetSecretValueCommand, PutSecretValueCommand, RestoreSecretCommand,
  SecretsManagerClient, TagResourceCommand, UntagResourceCommand, UpdateSecretCommand, UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import { AwsStub, mockClient } from 'aws-sdk-client-mock';

/** An error shaped like the SDK's service exceptions (name + message). */
export function awsError(name: string, message: string): Error {
  const e = new Error(message);
  e.name = name;
  return e;
}

interface StoredSecret {
  arn: string;
  name: string;
  kmsKeyId?: string;
  /** The values that were AWSCURRENT, oldest first: the last is AWSCURRENT, the one before AWSPREVIOUS. */
  versions: string[];
  /** Their version IDs (a value a test pushed to `versions` gets `v<n>`). */
  versionIds?: string[];
  /**
   * The KMS keys each version in `versions` is encrypted with (a value a test pushed to `versions` has the secret's
   * key). A change of the secret's key adds the new one to its labelled versions: either key decrypts them.
   */
  versionKeys?: Array<Array<string | undefined>>;
  /** The AWSPENDING version of a rotation: Secrets Manager labels its token before createSecret gives it a value. */
  pending?: { id: string; value?: string; keys?: Array<string | undefined> };
  tags: Map<string, string>;
  deletedDate?: Date;
}

function versionId(s: StoredSecret, index: number): string {
  return s.versionIds?.[index] ?? `v${index + 1}`;
}

function keysOf(s: StoredSecret, index: number): Array<string | undefined> {
  return s.versionKeys?.[index] ?? [s.kmsKeyId];
}

/** Appends a version, encrypted with the given keys (the secret's key unless told). */
function pushVersion(s: StoredSecret, value: string, id: string, keys: Array<string | undefined> = [s.kmsKeyId]): void {
  s.versionKeys = s.versions.map((_, i) => keysOf(s, i));
  s.versionIds = s.versions.map((_, i) => versionId(s, i));
  s.versions.push(value);
  s.versionIds.push(id);
  s.versionKeys.push(keys);
}

/** What Secrets Manager answers a caller that may not use a KMS key the call needs. */
function kmsRefused(): Error {
  return awsError('AccessDeniedException', 'Access to KMS is not allowed');
}

function stagesOf(s: StoredSecret): Record<string, string[]> {
  const stages: Record<string, string[]> = {};
  const add = (id: string, stage: string) => { (stages[id] ??= []).push(stage); };
  const n = s.versions.length;
  add(versionId(s, n - 1), 'AWSCURRENT');
  if (n > 1) add(versionId(s, n - 2), 'AWSPREVIOUS');
  if (s.pending) add(s.pending.id, 'AWSPENDING');
  return stages;
}

function notFound(): Error {
  return awsError('ResourceNotFoundException', 'Secrets Manager can\'t find the specified secret value for staging label or version.');
}

/**
 * An in-memory Secrets Manager with the service's semantics for the calls the provider makes:
 * names are unique, ARNs get a random 6-character suffix, a secret scheduled for deletion blocks its name
 * and refuses writes until restored, and deleting a deleted or missing secret fails as the service does.
 */
export class FakeSecretsManager {
  public readonly secrets = new Map<string, StoredSecret>();
  public readonly mock: AwsStub<any, any, any>;
  /** Errors the next CreateSecret of a name throws instead (for example EncryptionFailure with its KMS key), once each. */
  public readonly createFailures = new Map<string, Error>();
  /** PutSecretValue calls to fail with the error instead, once each: the first whose name and new value match. */
  public readonly putFailures: Array<{ name: string; when: (value: string) => boolean; error: Error }> = [];
  /**
   * Actions on secrets (by name) that IAM refuses with AccessDeniedException, as it refuses an action the role lacks:
   * every call, until the entry is removed (the grant added). The SDK double bypasses the provider's middleware that
   * sends a refused call again, so one refusal here stands for one that outlasted those retries.
   */
  public readonly denials: Array<{ action: 'GetSecretValue' | 'DescribeSecret' | 'DeleteSecret'; name: string }> = [];
  /**
   * The KMS keys (by ARN) the caller may use, or undefined for every key. Secrets Manager encrypts and decrypts with the
   * caller's permissions on the key: a value cannot be written with a key it may not use, nor read unless it may use a
   * key its version is encrypted with. It answers either with AccessDeniedException, "Access to KMS is not allowed".
   * The AWS managed key (no KmsKeyId) is always usable.
   */
  public usableKeys?: Set<string>;
  private counter = 0;

  constructor() {
    this.mock = mockClient(SecretsManagerClient);
    this.mock.on(CreateSecretCommand).callsFake((input) => {
      const failure = this.createFailures.get(input.Name);
      if (failure) {
        this.createFailures.delete(input.Name);
        throw failure;
      }
      const existing = this.secrets.get(input.Name);
      if (existing?.deletedDate) {
        throw awsError('InvalidRequestException', 'You can\'t create this secret because a secret with this name is already scheduled for deletion.');
      }
      if (existing) throw awsError('ResourceExistsException', `The operation failed because the secret ${input.Name} already exists.`);
      this.refuseUnusable(input.KmsKeyId);
      const arn = `arn:aws:secretsmanager:eu-west-1:123456789012:secret:${input.Name}-${(++this.counter).toString(36).padStart(6, 'a')}`;
      const tags = new Map<string, string>();
      for (const t of input.Tags ?? []) {
        if (tags.has(t.Key)) throw awsError('InvalidParameterException', `duplicate tag key ${t.Key}`);
        tags.set(t.Key, t.Value);
      }
      this.secrets.set(input.Name, {
        arn, name: input.Name, kmsKeyId: input.KmsKeyId, versions: [input.SecretString], versionKeys: [[input.KmsKeyId]], tags,
      });
      return { ARN: arn, Name: input.Name };
    });
    this.mock.on(DescribeSecretCommand).callsFake((input) => {
      this.refuseDenied('DescribeSecret', input.SecretId);
      const s = this.find(input.SecretId);
      return { ARN: s.arn, Name: s.name, KmsKeyId: s.kmsKeyId, DeletedDate: s.deletedDate, VersionIdsToStages: stagesOf(s) };
    });
    // By label (AWSCURRENT when none is given) or version ID, or both, which must then name the same version.
    this.mock.on(GetSecretValueCommand).callsFake((input) => {
      this.refuseDenied('GetSecretValue', input.SecretId);
      const s = this.find(input.SecretId);
      if (s.deletedDate) throw awsError('InvalidRequestException', 'You can\'t perform this operation on the secret because it was marked for deletion.');
      const stages = stagesOf(s);
      const stage = input.VersionStage ?? (input.VersionId ? undefined : 'AWSCURRENT');
      const id = input.VersionId ?? Object.keys(stages).find((v) => stages[v].includes(stage!));
      if (id === undefined || (stage && !stages[id]?.includes(stage))) throw notFound();
      const index = s.versions.findIndex((_, i) => versionId(s, i) === id);
      const value = index !== -1 ? s.versions[index] : s.pending?.id === id ? s.pending?.value : undefined;
      if (value === undefined) throw notFound();
      const keys = index !== -1 ? keysOf(s, index) : s.pending?.keys ?? [s.kmsKeyId];
      if (!keys.some((key) => this.usable(key))) throw kmsRefused();
      return { ARN: s.arn, Name: s.name, VersionId: id, SecretString: value };
    });
    // A new version: AWSCURRENT unless other labels are given (a rotation's AWSPENDING). A token already used with
    // another value is refused, as the service does; with the same value it is a no-op.
    this.mock.on(PutSecretValueCommand).callsFake((input) => {
      const s = this.find(input.SecretId);
      const failure = this.putFailures.findIndex((f) => f.name === s.name && f.when(input.SecretString));
      if (failure !== -1) throw this.putFailures.splice(failure, 1)[0].error;
      if (s.deletedDate) throw awsError('InvalidRequestException', 'You can\'t perform this operation on the secret because it was marked for deletion.');
      const token: string = input.ClientRequestToken ?? `v-${++this.counter}`;
      if (input.VersionStages && input.VersionStages.join() !== 'AWSPENDING') throw new Error(`the fake labels AWSPENDING only, not ${input.VersionStages.join()}`);
      this.refuseUnusable(s.kmsKeyId);
      if (input.VersionStages) {
        if (s.pending?.id === token && s.pending.value !== undefined && s.pending.value !== input.SecretString) {
          throw awsError('ResourceExistsException', `A version with VersionId ${token} already exists and its value differs.`);
        }
        s.pending = { id: token, value: input.SecretString, keys: [s.kmsKeyId] };
        return { ARN: s.arn, Name: s.name, VersionId: token, VersionStages: ['AWSPENDING'] };
      }
      pushVersion(s, input.SecretString, token);
      return { ARN: s.arn, Name: s.name, VersionId: token };
    });
    // Moves AWSCURRENT onto the pending version (a rotation's) or an earlier one (AWSPREVIOUS, say: a rollback); AWSPREVIOUS
    // follows to the one it leaves. The service needs no KMS key for it: no value is read or written.
    this.mock.on(UpdateSecretVersionStageCommand).callsFake((input) => {
      const s = this.find(input.SecretId);
      if (s.deletedDate) throw awsError('InvalidRequestException', 'You can\'t perform this operation on the secret because it was marked for deletion.');
      const stages = stagesOf(s);
      if (input.VersionStage !== 'AWSCURRENT') throw new Error(`the fake moves AWSCURRENT only, not ${input.VersionStage}`);
      if (!stages[input.RemoveFromVersionId ?? '']?.includes('AWSCURRENT')) {
        throw awsError('InvalidParameterException', 'The parameter RemoveFromVersionId must name the version that has the staging label.');
      }
      const pending = s.pending;
      if (pending?.id === input.MoveToVersionId && pending?.value !== undefined) {
        pushVersion(s, pending.value, pending.id, pending.keys);
        return { ARN: s.arn, Name: s.name };
      }
      const earlier = s.versions.findIndex((_, i) => versionId(s, i) === input.MoveToVersionId);
      if (earlier === -1) throw notFound();
      pushVersion(s, s.versions[earlier], versionId(s, earlier), keysOf(s, earlier));
      return { ARN: s.arn, Name: s.name };
    });
    this.mock.on(UpdateSecretCommand).callsFake((input) => {
      const s = this.find(input.SecretId);
      if (s.deletedDate) throw awsError('InvalidRequestException', 'You can\'t perform this operation on the secret because it was marked for deletion.');
      if (input.KmsKeyId !== undefined && input.KmsKeyId !== s.kmsKeyId) {
        this.refuseUnusable(input.KmsKeyId);
        // AWSCURRENT, AWSPREVIOUS and AWSPENDING are re-encrypted with the new key, and stay encrypted with the old one
        // too; a version the caller cannot decrypt is left as it is.
        s.versionKeys = s.versions.map((_, i) => keysOf(s, i));
        for (const i of [s.versions.length - 1, s.versions.length - 2].filter((index) => index >= 0)) {
          if (s.versionKeys[i].some((key) => this.usable(key))) s.versionKeys[i] = [...s.versionKeys[i], input.KmsKeyId];
        }
        if (s.pending?.keys?.some((key) => this.usable(key))) s.pending.keys = [...s.pending.keys, input.KmsKeyId];
        s.kmsKeyId = input.KmsKeyId;
      }
      return { ARN: s.arn, Name: s.name };
    });
    // Tagging works on a secret scheduled for deletion too; a tag written again takes the new value.
    this.mock.on(TagResourceCommand).callsFake((input) => {
      const s = this.find(input.SecretId);
      for (const t of input.Tags) s.tags.set(t.Key, t.Value);
      return {};
    });
    this.mock.on(UntagResourceCommand).callsFake((input) => {
      const s = this.find(input.SecretId);
      for (const key of input.TagKeys) s.tags.delete(key);
      return {};
    });
    this.mock.on(RestoreSecretCommand).callsFake((input) => {
      const s = this.find(input.SecretId);
      s.deletedDate = undefined;
      return { ARN: s.arn, Name: s.name };
    });
    this.mock.on(DeleteSecretCommand).callsFake((input) => {
      this.refuseDenied('DeleteSecret', input.SecretId);
      const s = this.find(input.SecretId);
      if (s.deletedDate) throw awsError('InvalidRequestException', 'You can\'t perform this operation on the secret because it was already scheduled for deletion.');
      s.deletedDate = new Date();
      return { ARN: s.arn, Name: s.name, DeletionDate: new Date(Date.now() + (input.RecoveryWindowInDays ?? 30) * 86400000) };
    });
  }

  /** Adds a secret that exists before the test (e.g. a user's initial access token). */
  public seed(name: string, value: string): string {
    const arn = `arn:aws:secretsmanager:eu-west-1:123456789012:secret:${name}-seeded`;
    this.secrets.set(name, { arn, name, versions: [value], tags: new Map() });
    return arn;
  }

  /** Starts a rotation as RotateSecret does: labels the token AWSPENDING, without a value until createSecret puts one. */
  public beginRotation(name: string, token: string): void {
    const s = this.find(name);
    if (s.pending) throw awsError('InvalidRequestException', 'A previous rotation isn\'t complete. That rotation will be reattempted.');
    s.pending = { id: token };
  }

  /** Ends a rotation as Secrets Manager does once finishSecret made the token AWSCURRENT: AWSPENDING is removed. */
  public endRotation(name: string): void {
    const s = this.find(name);
    if (s.pending && versionId(s, s.versions.length - 1) === s.pending.id) s.pending = undefined;
  }

  /** The value of the version with the label, if any. */
  public stage(name: string, stage: 'AWSCURRENT' | 'AWSPREVIOUS' | 'AWSPENDING'): string | undefined {
    const s = this.find(name);
    if (stage === 'AWSPENDING') return s.pending?.value;
    return s.versions[s.versions.length - (stage === 'AWSCURRENT' ? 1 : 2)];
  }

  /** Every value ever stored, for leak checks. */
  public allValues(): string[] {
    return [...this.secrets.values()].flatMap((s) => [...s.versions, ...(s.pending?.value !== undefined ? [s.pending.value] : [])]);
  }

  /** A secret's tags, by name, as an object. */
  public tagsOf(name: string): Record<string, string> {
    return Object.fromEntries(this.secrets.get(name)?.tags ?? []);
  }

  /** The current value of a secret, by name. */
  public current(name: string): string | undefined {
    const s = this.secrets.get(name);
    return s?.versions[s.versions.length - 1];
  }

  public restore(): void {
    this.mock.restore();
  }

  /** The keys the current version of a secret is encrypted with, by name: either decrypts it. */
  public keysOfCurrent(name: string): Array<string | undefined> {
    const s = this.find(name);
    return keysOf(s, s.versions.length - 1);
  }

  private usable(key: string | undefined): boolean {
    return key === undefined || this.usableKeys === undefined || this.usableKeys.has(key);
  }

  private refuseUnusable(key: string | undefined): void {
    if (!this.usable(key)) throw kmsRefused();
  }

  /** IAM judges the action before the secret is looked up: a denied call fails whether the secret exists or not. */
  private refuseDenied(action: string, id: string): void {
    if (!this.denials.some((d) => d.action === action && (d.name === id || this.secrets.get(d.name)?.arn === id))) return;
    throw awsError('AccessDeniedException', `User: arn:aws:sts::123456789012:assumed-role/provider/fn is not authorized to perform: secretsmanager:${action} on resource: ${id}`);
  }

  private find(id: string): StoredSecret {
    // As the service validates SecretId (1 to 2,048 characters) before it looks for the secret.
    if (!id) throw awsError('ValidationException', '1 validation error detected: Value \'\' at \'secretId\' failed to satisfy constraint: Member must have length greater than or equal to 1');
    for (const s of this.secrets.values()) {
      if (s.name === id || s.arn === id) return s;
    }
    throw awsError('ResourceNotFoundException', 'Secrets Manager can\'t find the specified secret.');
  }
}
