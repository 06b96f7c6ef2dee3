import { NUMBER_TOKEN, TOKEN } from './fixtures';
import { ClientType, GrantType } from '../../src';
import { fromWire, jsonObject, wireBoolean, wireList } from '../../src/private/engine/wire';

// The wire form is what metadata and a custom resource's properties hold: a template's JSON, or what CloudFormation
// sends (every scalar a string). What is not of the expected shape is read as absent, never as another value.
describe('reading the wire form', () => {
  test('jsonObject: an object, not an array or null', () => {
    expect(jsonObject({ a: 1 })).toEqual({ a: 1 });
    expect(jsonObject([1])).toBeUndefined();
    expect(jsonObject(null)).toBeUndefined();
    expect(jsonObject('{}')).toBeUndefined();
  });

  test('wireList: a list of strings (others dropped), or one string token standing for a list; not a number token', () => {
    expect(wireList(['a', 1, null, 'b'])).toEqual(['a', 'b']);
    expect(wireList(TOKEN)).toEqual([TOKEN]);
    expect(wireList('a')).toBeUndefined();
    expect(wireList(NUMBER_TOKEN)).toBeUndefined();
  });

  test('wireBoolean: a boolean, or CloudFormation\'s \'true\' and \'false\'; nothing else', () => {
    expect([true, false, 'true', 'false', 'False', 'yes', 1, undefined].map(wireBoolean)).toEqual([true, false, true, false, undefined, undefined, undefined, undefined]);
  });

  test('fromWire: undefined for what is no description (not an object, no client type, no grant list)', () => {
    const grants = { clientType: ClientType.CONFIDENTIAL, grantTypes: ['client_credentials'] };
    expect(fromWire(grants)).toMatchObject({ clientType: ClientType.CONFIDENTIAL, grantTypes: [GrantType.custom('client_credentials')] });
    expect(fromWire(null)).toBeUndefined();
    expect(fromWire(JSON.stringify(grants))).toBeUndefined();
    expect(fromWire({ ...grants, clientType: 'secret' })).toBeUndefined();
    expect(fromWire({ ...grants, grantTypes: 'client_credentials' })).toBeUndefined();
  });
});
