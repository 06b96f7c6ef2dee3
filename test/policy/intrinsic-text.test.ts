import { fromWire, wireList } from '../../src/private/engine/wire';
import { mapCognitoUserPoolClient } from '../../src/private/policy/cognito-client-mapper';
import { withIntrinsicsAsText } from '../../src/private/policy/intrinsic-text';
import { checkTemplate } from '../../src/private/policy/template-checker';

describe('a value that deployment decides is a token named for the intrinsic that decides it', () => {
  test.each([
    [{ Ref: 'CallbackHost' }, '${Token[CallbackHost]}'],
    [{ Ref: 'AWS::Region' }, '${Token[AWS::Region]}'],
    [{ 'Fn::GetAtt': ['Distribution', 'DomainName'] }, '${Token[Distribution.DomainName]}'],
    [{ 'Fn::GetAtt': 'Database.Endpoint.Address' }, '${Token[Database.Endpoint.Address]}'],
    [{ 'Fn::ImportValue': 'SharedDomain' }, '${Token[Fn::ImportValue]}'],
    [{ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': ['Distribution', 'DomainName'] }, '/cb']] }, 'https://${Token[Distribution.DomainName]}/cb'],
    [{ 'Fn::Sub': 'https://${Distribution.DomainName}/${AWS::Region}/${!Literal}' }, 'https://${Token[Distribution.DomainName]}/${Token[AWS::Region]}/${Literal}'],
    [{ 'Fn::Sub': ['https://${Host}/cb', { Host: { Ref: 'Domain' } }] }, 'https://${Token[Domain]}/cb'],
    // A variable given as text is that text.
    [{ 'Fn::Sub': ['http://${Host}/cb', { Host: 'app.example.com' }] }, 'http://app.example.com/cb'],
    // Fn::Join of a list that deployment gives (a CommaDelimitedList parameter): the whole is unknown.
    [{ 'Fn::Join': ['', { Ref: 'CallbackParts' }] }, '${Token[Fn::Join]}'],
    // Names a token cannot hold, and values that are not intrinsics, leave the token unnamed.
    [{ Ref: 'a]b' }, '${Token[cloudformation-intrinsic]}'],
    [{ 'Fn::GetAtt': ['Distribution', { Ref: 'Attribute' }] }, '${Token[cloudformation-intrinsic]}'],
    [{ 'Fn::Join': ['', ['https://', 42]] }, 'https://${Token[cloudformation-intrinsic]}'],
    [{ 'Fn::Sub': ['https://${Host}/cb', { Host: 42 }] }, 'https://${Token[cloudformation-intrinsic]}/cb'],
    // A name every JavaScript object has is a variable Fn::Sub was not given, not one of the object's own.
    [{ 'Fn::Sub': ['https://${constructor}/cb', {}] }, 'https://${Token[constructor]}/cb'],
  ])('%j is %j', (value, expected) => {
    expect(withIntrinsicsAsText(value)).toBe(expected);
  });

  test('a list that an intrinsic gives is one token, named for it', () => {
    expect(wireList(withIntrinsicsAsText({ Ref: 'Callbacks' }))).toEqual(['${Token[Callbacks]}']);
    expect(wireList(withIntrinsicsAsText({ 'Fn::Split': [',', { Ref: 'Callbacks' }] }))).toEqual(['${Token[Fn::Split]}']);
    // A string where a list belongs is no list, unless a token stands for the list.
    expect(wireList('https://app.example.com/cb')).toBeUndefined();
  });

  test('intrinsics anywhere in a recorded description are text, and the rest is kept as it is', () => {
    const recorded = {
      clientType: 'confidential',
      grantTypes: ['authorization_code', { Ref: 'ExtraGrant' }],
      redirectUris: [{ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': ['Distribution', 'DomainName'] }, '/cb']] }],
      scopes: { Ref: 'Scopes' },
      clientName: { 'Fn::Sub': '${AWS::StackName}-web' },
      jwks: [{ keyType: 'RSA', sizeBits: 2048 }],
      generateSecret: true,
    };
    expect(fromWire(withIntrinsicsAsText(recorded))).toMatchObject({
      grantTypes: [{ value: 'authorization_code' }, { value: '${Token[ExtraGrant]}' }],
      redirectUris: ['https://${Token[Distribution.DomainName]}/cb'],
      scopes: ['${Token[Scopes]}'],
      clientName: '${Token[AWS::StackName]}-web',
      jwks: [{ keyType: 'RSA', sizeBits: 2048 }],
      generateSecret: true,
    });
  });

  test('a Cognito flow is a grant only by its own name: an unknown flow, even one every object has, stays as it is', () => {
    const grants = (flows: unknown) => {
      const mapped = mapCognitoUserPoolClient({ AllowedOAuthFlowsUserPoolClient: true, GenerateSecret: true, AllowedOAuthFlows: flows });
      return mapped.kind === 'client' ? mapped.description.grantTypes.map((g) => g.value) : mapped.reason;
    };
    expect(grants(['code', 'constructor'])).toEqual(['authorization_code', 'constructor', 'refresh_token']);
    expect(grants({ Ref: 'Flows' })).toEqual(['${Token[Flows]}']);
  });
});

test('a dynamic reference in a template ({{resolve:ssm:...}}) is decided at deployment: judged on the text around it, as a token', () => {
  const client = (callbacks: string[]) => ({
    Resources: {
      Web: {
        Type: 'AWS::Cognito::UserPoolClient',
        Properties: {
          UserPoolId: 'p', GenerateSecret: true, AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['code'], AllowedOAuthScopes: ['openid'], CallbackURLs: callbacks,
        },
      },
    },
  });
  const findings = (callbacks: string[]) => checkTemplate(client(callbacks), 't.json').findings.map((f) => f.message);
  expect(findings(['{{resolve:ssm:/app/callback}}', 'https://{{resolve:ssm:/app/host}}/cb', 'http://{{resolve:ssm:/app/host}}/cb'])).toEqual([]);
  expect(findings(['https://{{resolve:ssm:/app/host}}/cb#done'])).toEqual([
    expect.stringMatching(/^\[OAC-082\] AWS::Cognito::UserPoolClient 'Web' in t\.json: redirect URI 'https:\/\/\{\{resolve:ssm:\/app\/host\}\}\/cb#done' includes a fragment/),
  ]);
});
