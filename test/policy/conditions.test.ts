import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { App, AppProps, CfnCondition, CfnParameter, CfnResource, Fn, ICfnConditionExpression, LegacyStackSynthesizer, NestedStack, Stack, StackProps, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as fc from 'fast-check';
import { ApplicationType, AuthorizationServer, OAuthClientPolicy, PublicClient } from '../../src';
import { METADATA_KEY } from '../../src/private/client-metadata';
import { conditionVariants } from '../../src/private/policy/condition-variants';
import { checkTemplate } from '../../src/private/policy/template-checker';
import { describeAssumptions } from '../../src/private/policy/variant-assumptions';
import { ruleAndWhen, runCli } from '../support/cli';
import { nestedInsecureClient } from '../support/nested-client';
import { synthPolicyCheck } from '../support/policy-check';
import { rawWebClient } from '../support/raw-client';

const ENV = { Env: { Type: 'String' } };
const IS_PROD = { IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } };

function client(properties: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return {
    Type: 'AWS::Cognito::UserPoolClient',
    Properties: { UserPoolId: 'eu-west-1_p', AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthScopes: ['openid'], ...properties },
    ...extra,
  };
}

/**
 * Synthesizes a CDK app with the policy plugin and one raw confidential app client whose callback the function
 * makes in the stack; returns what the plugin's report printed.
 */
function synthWithPlugin(callback: (stack: Stack) => string): string {
  const app = new App({ context: { '@aws-cdk/core:validationReportJson': true } });
  Validations.of(app).addPlugins(new OAuthClientPolicy());
  const stack = new Stack(app, 'Stack');
  rawWebClient(stack, callback(stack));
  return synthPolicyCheck(app).printed;
}

describe('conditionVariants: the ways a resource\'s properties come out of the template\'s conditions', () => {
  test('without Fn::If, the properties are the one variant, as they are', () => {
    const resource = client({ AllowedOAuthFlows: ['code'] });
    expect(conditionVariants({ Conditions: IS_PROD }, resource)).toEqual([{ properties: resource.Properties }]);
  });

  test('each branch is taken once, with the condition it assumes; AWS::NoValue leaves lists and properties', () => {
    const resource = client({
      AllowedOAuthFlows: { 'Fn::If': ['IsProd', ['code'], ['code', 'implicit']] },
      CallbackURLs: [{ 'Fn::If': ['IsProd', { Ref: 'AWS::NoValue' }, 'http://localhost:3000/cb'] }, 'https://app.example.com/cb'],
      ClientName: { 'Fn::If': ['IsProd', 'web', { Ref: 'AWS::NoValue' }] },
    });
    const variants = conditionVariants({ Parameters: ENV, Conditions: IS_PROD }, resource);
    expect(variants.map((v) => describeAssumptions(v.assumes!))).toEqual(['IsProd is true', 'IsProd is false']);
    expect(variants[0].properties).toMatchObject({
      AllowedOAuthFlows: ['code'], CallbackURLs: ['https://app.example.com/cb'], ClientName: 'web',
    });
    expect(variants[1].properties).toMatchObject({
      AllowedOAuthFlows: ['code', 'implicit'], CallbackURLs: ['http://localhost:3000/cb', 'https://app.example.com/cb'],
    });
    expect(variants[1].properties).not.toHaveProperty('ClientName');
  });

  test('conditions on the same parameter are never true together: prod, dev, or neither', () => {
    const conditions = { ...IS_PROD, IsDev: { 'Fn::Equals': ['dev', { Ref: 'Env' }] } };
    const resource = client({
      AllowedOAuthFlows: { 'Fn::If': ['IsProd', ['code'], { 'Fn::If': ['IsDev', ['implicit'], ['code', 'implicit']] }] },
    });
    const variants = conditionVariants({ Parameters: ENV, Conditions: conditions }, resource);
    expect(variants.map((v) => describeAssumptions(v.assumes!)).sort()).toEqual([
      'IsDev is false and IsProd is false',
      'IsDev is false and IsProd is true',
      'IsDev is true and IsProd is false',
    ]);
  });

  test('comparisons with numbers (YAML\'s !Equals [!Ref Tier, 1]) are comparisons of their text: tier 1 and 2 are never true together', () => {
    const conditions = {
      IsOne: { 'Fn::Equals': [{ Ref: 'Tier' }, 1] },
      IsTwo: { 'Fn::Equals': [2, { Ref: 'Tier' }] },
      Always: { 'Fn::Equals': [1, '1'] },
    };
    const resource = client({
      AllowedOAuthFlows: { 'Fn::If': ['Always', { 'Fn::If': ['IsOne', ['code'], { 'Fn::If': ['IsTwo', ['implicit'], ['code', 'implicit']] }] }, []] },
    });
    const variants = conditionVariants({ Parameters: { Tier: { Type: 'Number' } }, Conditions: conditions }, resource);
    expect(variants.map((v) => describeAssumptions(v.assumes!)).sort()).toEqual([
      'Always is true and IsOne is false and IsTwo is false',
      'Always is true and IsOne is false and IsTwo is true',
      'Always is true and IsOne is true and IsTwo is false',
    ]);
  });

  test('a parameter with AllowedValues takes only those: no "neither" variant', () => {
    const conditions = { ...IS_PROD, IsDev: { 'Fn::Equals': [{ Ref: 'Env' }, 'dev'] } };
    const resource = client({ AllowedOAuthFlows: { 'Fn::If': ['IsProd', ['code'], { 'Fn::If': ['IsDev', ['implicit'], ['client_credentials']] }] } });
    const variants = conditionVariants({ Parameters: { Env: { Type: 'String', AllowedValues: ['prod', 'dev'] } }, Conditions: conditions }, resource);
    expect(variants.map((v) => (v.properties as { AllowedOAuthFlows: string[] }).AllowedOAuthFlows)).toEqual([['code'], ['implicit']]);
  });

  test('a comparison with a value that AllowedValues leaves out is never true', () => {
    const conditions = { ...IS_PROD, IsStaging: { 'Fn::Equals': [{ Ref: 'Env' }, 'staging'] } };
    const resource = client({ AllowedOAuthFlows: { 'Fn::If': ['IsStaging', ['implicit'], { 'Fn::If': ['IsProd', ['code'], ['client_credentials']] }] } });
    const variants = conditionVariants({ Parameters: { Env: { Type: 'String', AllowedValues: ['prod', 'dev'] } }, Conditions: conditions }, resource);
    expect(variants.map((v) => describeAssumptions(v.assumes!))).toEqual(['IsProd is true and IsStaging is false', 'IsProd is false and IsStaging is false']);
  });

  test('Fn::Not, Fn::And, Fn::Or, Condition references and constant comparisons are evaluated', () => {
    const conditions = {
      ...IS_PROD,
      NotProd: { 'Fn::Not': [{ Condition: 'IsProd' }] },
      Always: { 'Fn::Equals': ['a', 'a'] },
      ProdAndAlways: { 'Fn::And': [{ Condition: 'IsProd' }, { Condition: 'Always' }] },
      Either: { 'Fn::Or': [{ Condition: 'NotProd' }, { Condition: 'IsProd' }] },
    };
    const resource = client({
      ClientName: {
        'Fn::Join': ['-', [
          { 'Fn::If': ['NotProd', 'not', 'prod'] }, { 'Fn::If': ['ProdAndAlways', 'both', 'one'] }, { 'Fn::If': ['Either', 'any', 'none'] },
        ]],
      },
    });
    const names = conditionVariants({ Parameters: ENV, Conditions: conditions }, resource)
      .map((v) => (v.properties as { ClientName: { 'Fn::Join': [string, string[]] } }).ClientName['Fn::Join'][1].join('-'));
    expect(names.sort()).toEqual(['not-one-any', 'prod-both-any']);
  });

  test('a comparison of anything else is true or false, freely', () => {
    const conditions = { HasRegion: { 'Fn::Equals': [{ 'Fn::Select': [0, { 'Fn::GetAZs': '' }] }, 'eu-west-1a'] } };
    const resource = client({ AllowedOAuthFlows: { 'Fn::If': ['HasRegion', ['code'], ['implicit']] } });
    expect(conditionVariants({ Conditions: conditions }, resource).map((v) => describeAssumptions(v.assumes!))).toEqual(['HasRegion is true', 'HasRegion is false']);
  });

  test('the resource\'s own Condition: only the variants in which it is created', () => {
    const conditions = { ...IS_PROD, IsDev: { 'Fn::Equals': [{ Ref: 'Env' }, 'dev'] } };
    const resource = client({ AllowedOAuthFlows: { 'Fn::If': ['IsProd', ['code'], ['implicit']] } }, { Condition: 'IsDev' });
    const variants = conditionVariants({ Parameters: ENV, Conditions: conditions }, resource);
    expect(variants).toEqual([{
      properties: expect.objectContaining({ AllowedOAuthFlows: ['implicit'] }), assumes: [['IsProd', 'false']],
    }]);
  });

  test('an own Condition that is never true: no variant, as the resource is not created', () => {
    const conditions = { ...IS_PROD, Never: { 'Fn::And': [{ Condition: 'IsProd' }, { 'Fn::Not': [{ Condition: 'IsProd' }] }] } };
    const resource = client({ AllowedOAuthFlows: { 'Fn::If': ['IsProd', ['code'], ['implicit']] } }, { Condition: 'Never' });
    expect(conditionVariants({ Parameters: ENV, Conditions: conditions }, resource)).toEqual([]);
  });

  test('an undefined or cyclic condition, or too many combinations, leave the properties as they are', () => {
    const undefinedCondition = client({ AllowedOAuthFlows: { 'Fn::If': ['Missing', ['code'], ['implicit']] } });
    expect(conditionVariants({ Conditions: IS_PROD }, undefinedCondition)).toEqual([{ properties: undefinedCondition.Properties }]);

    const cyclic = { A: { 'Fn::Not': [{ Condition: 'B' }] }, B: { 'Fn::Not': [{ Condition: 'A' }] } };
    const onCycle = client({ AllowedOAuthFlows: { 'Fn::If': ['A', ['code'], ['implicit']] } });
    expect(conditionVariants({ Conditions: cyclic }, onCycle)).toEqual([{ properties: onCycle.Properties }]);

    // Nine independent parameters: 2^9 = 512 assignments, over the limit of 256. Eight make 256, each tried.
    const independent = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`C${i}`, { 'Fn::Equals': [{ Ref: `P${i}` }, 'x'] }]));
    const ifs = (conditions: Record<string, unknown>) => client({
      CallbackURLs: Object.keys(conditions).map((c) => ({ 'Fn::If': [c, 'https://a.example.com/cb', 'https://b.example.com/cb'] })),
    });
    const manyIfs = ifs(independent(9));
    expect(conditionVariants({ Conditions: independent(9) }, manyIfs)).toEqual([{ properties: manyIfs.Properties }]);
    expect(conditionVariants({ Conditions: independent(8) }, ifs(independent(8)))).toHaveLength(256);
  });

  test.each([
    ['not an object', 'prod'],
    ['two functions in one', { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'], 'Fn::Not': [{ Condition: 'Other' }] }],
    ['a function not given a list', { 'Fn::Not': { Condition: 'Other' } }],
  ])('a condition that is malformed (%s) leaves the properties as they are', (_, malformed) => {
    const conditions = { Other: { 'Fn::Equals': [{ Ref: 'Env' }, 'dev'] }, Bad: malformed };
    const resource = client({ AllowedOAuthFlows: { 'Fn::If': ['Bad', ['code'], ['implicit']] } });
    expect(conditionVariants({ Parameters: ENV, Conditions: conditions }, resource)).toEqual([{ properties: resource.Properties }]);
  });

  test('deeply nested values are searched to a bounded depth, without exhausting the stack', () => {
    let deep: unknown = { 'Fn::If': ['IsProd', 'a', 'b'] };
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const resource = client({ CallbackURLs: deep });
    expect(conditionVariants({ Parameters: ENV, Conditions: IS_PROD }, resource)).toEqual([{ properties: resource.Properties }]);
  });
});

describe('parameters the properties name, whose every value the template lists', () => {
  const callback = (properties: Record<string, unknown>, parameters: Record<string, unknown>, extra: Record<string, unknown> = {}) => checkTemplate({
    Parameters: parameters,
    Resources: { Web: client({ GenerateSecret: true, AllowedOAuthFlows: ['code'], ...properties }) },
    ...extra,
  }, 't.json').findings.map(ruleAndWhen);

  test('each AllowedValue is tried: by Ref, in Fn::Sub, as Fn::FindInMap keys', () => {
    expect(callback({ CallbackURLs: [{ 'Fn::Sub': '${Scheme}://app.example.com/cb' }] }, { Scheme: { Type: 'String', AllowedValues: ['https', 'http'] } }))
      .toEqual(['OAC-085 (when parameter Scheme is http)', 'COG-007 (when parameter Scheme is http)']);
    expect(callback({ CallbackURLs: [{ Ref: 'Url' }] }, { Url: { Type: 'String', AllowedValues: ['https://a.example.com/cb#f', 'https://b.example.com/cb'] } }))
      .toEqual(['OAC-082 (when parameter Url is https://a.example.com/cb#f)']);
  });

  test('with the conditions that compare it, one value at a time: a branch its value does not take is not judged', () => {
    const findings = callback({
      CallbackURLs: [{ 'Fn::If': ['IsProd', 'https://app.example.com/cb', { 'Fn::FindInMap': ['Hosts', { Ref: 'Env' }, 'Url'] }] }],
    }, { Env: { Type: 'String', AllowedValues: ['dev', 'prod'] } }, {
      Conditions: IS_PROD,
      // prod's entry is never used: IsProd takes the literal branch whenever Env is prod.
      Mappings: { Hosts: { dev: { Url: 'http://dev.example.com/cb' }, prod: { Url: 'https://app.example.com/cb#never' } } },
    });
    // IsProd is false exactly when Env is dev: the parameter adds nothing to the condition.
    expect(findings).toEqual(['OAC-085 (when IsProd is false)', 'COG-007 (when IsProd is false)']);
  });

  test('in a CDK app: a CfnParameter with allowedValues in a raw app client\'s callback fails cdk synth with its value', () => {
    const printed = synthWithPlugin((stack) => `${new CfnParameter(stack, 'Scheme', { allowedValues: ['https', 'http'] }).valueAsString}://app.example.com/cb`);
    expect(printed).toMatch(/\[COG-007\] AWS::Cognito::UserPoolClient 'Web\w*' in .*: .*'http:\/\/app\.example\.com\/cb'.* \(when parameter Scheme is http\)/);
    expect(printed).not.toMatch(/parameter Scheme is https/);
  });

  test('not tried: NoEcho (its values must not reach a report), lists, SSM types, no AllowedValues, or too many combinations', () => {
    const http = { CallbackURLs: [{ 'Fn::Sub': '${P}://app.example.com/cb' }] };
    expect(callback(http, { P: { Type: 'String', NoEcho: true, AllowedValues: ['http', 'https'] } })).toEqual([]);
    expect(callback(http, { P: { Type: 'String' } })).toEqual([]);
    expect(callback({ CallbackURLs: { Ref: 'P' } }, { P: { Type: 'CommaDelimitedList', AllowedValues: ['http://app.example.com/cb'] } })).toEqual([]);
    expect(callback(http, { P: { Type: 'AWS::SSM::Parameter::Value<String>', AllowedValues: ['http'] } })).toEqual([]);
    const many = Array.from({ length: 300 }, (_, i) => `v${i}`).concat('http');
    expect(callback(http, { P: { Type: 'String', AllowedValues: many } })).toEqual([]);
  });
});

describe('refresh-token rotation that the deployment decides', () => {
  type Json = Record<string, unknown>;
  const rotation = (value: unknown, parameters: Json = {}, extra: Json = {}, profile?: string) => checkTemplate({
    Parameters: parameters,
    Resources: { Spa: client({ GenerateSecret: false, AllowedOAuthFlows: ['code'], CallbackURLs: ['https://spa.example.com/cb'], RefreshTokenRotation: value }) },
    ...extra,
  }, 't.json', { minimumSeverity: 'warning' as never, profile: profile as never }).findings.map(ruleAndWhen).filter((f) => /OAC-120|FAPI-008/.test(f));

  test('a parameter without AllowedValues, or a condition that cannot be evaluated: not known at synth, so OAC-120 is not judged', () => {
    expect(rotation({ Feature: { Ref: 'Rotation' } }, { Rotation: { Type: 'String' } })).toEqual([]);
    expect(rotation({ 'Fn::If': ['Undefined', { Feature: 'ENABLED' }, { Ref: 'AWS::NoValue' }] })).toEqual([]);
    expect(rotation({ Feature: { Ref: 'Rotation' } }, { Rotation: { Type: 'String' } }, {}, 'fapi_2_0')).toEqual([]);
  });

  test('literal, AllowedValues or a condition that can be evaluated: judged in each way it comes out', () => {
    expect(rotation({ Feature: 'DISABLED' })).toEqual(['OAC-120']);
    expect(rotation(undefined)).toEqual(['OAC-120']);
    expect(rotation({ Feature: 'ENABLED' })).toEqual([]);
    expect(rotation({ Feature: 'ENABLED' }, {}, {}, 'fapi_2_0')).toEqual(['FAPI-008']);
    expect(rotation({ Feature: { Ref: 'Rotation' } }, { Rotation: { Type: 'String', AllowedValues: ['ENABLED', 'DISABLED'] } }))
      .toEqual(['OAC-120 (when parameter Rotation is DISABLED)']);
    expect(rotation({ 'Fn::If': ['IsProd', { Feature: 'ENABLED' }, { Ref: 'AWS::NoValue' }] }, ENV, { Conditions: IS_PROD }))
      .toEqual(['OAC-120 (when IsProd is false)']);
  });
});

describe('the policy check judges each variant', () => {
  test('a finding of some variants names their conditions; one of every variant names none', () => {
    const template = {
      Parameters: ENV,
      Conditions: IS_PROD,
      Resources: {
        Spa: client({
          GenerateSecret: false,
          AllowedOAuthFlows: { 'Fn::If': ['IsProd', ['code'], ['code', 'implicit']] },
          CallbackURLs: ['https://spa.example.com/cb'],
        }),
      },
    };
    const check = checkTemplate(template, 't.json', { minimumSeverity: 'warning' as never });
    expect(check.clients).toBe(1);
    expect(check.findings.map((f) => f.message)).toEqual([
      expect.stringMatching(/^\[OAC-120\] AWS::Cognito::UserPoolClient 'Spa' in t\.json: .*Set RefreshTokenRotation: \{ Feature: ENABLED \} \(L2 UserPoolClient: refreshTokenRotationGracePeriod\)\.$/),
      expect.stringMatching(/^\[OAC-004\] AWS::Cognito::UserPoolClient 'Spa' in t\.json: the implicit grant .* \(when IsProd is false\)$/),
    ]);
  });

  test('a client type given by a condition is judged in each branch instead of skipped', () => {
    const template = {
      Parameters: ENV,
      Conditions: IS_PROD,
      Resources: {
        Web: client({
          GenerateSecret: { 'Fn::If': ['IsProd', true, false] },
          AllowedOAuthFlows: ['code'],
          CallbackURLs: ['https://app.example.com/cb'],
        }),
      },
    };
    const check = checkTemplate(template, 't.json');
    expect(check.skipped).toEqual([]);
    expect(check.findings.map((f) => f.ruleId)).toEqual(['OAC-120']);
    expect(check.findings[0].message).toMatch(/^\[OAC-120\] AWS::Cognito::UserPoolClient 'Web' in t\.json: refresh tokens for public clients .* \(when IsProd is false\)$/);
  });

  test('a variant that is no OAuth client still counts: a finding of the other variant names its conditions', () => {
    const template = {
      Parameters: ENV,
      Conditions: IS_PROD,
      Resources: {
        Web: client({
          GenerateSecret: true,
          AllowedOAuthFlowsUserPoolClient: { 'Fn::If': ['IsProd', true, false] },
          AllowedOAuthFlows: ['code'],
          CallbackURLs: ['https://app.example.com/cb#done'],
        }),
      },
    };
    const check = checkTemplate(template, 't.json');
    expect(check.skipped).toEqual([]);
    expect(check.findings.map((f) => f.ruleId)).toEqual(['OAC-082']);
    expect(check.findings[0].message).toMatch(/ \(when IsProd is true\)$/);
  });

  test('in a CDK app: CfnCondition and Fn.conditionIf on a raw app client fail cdk synth with the condition', () => {
    const printed = synthWithPlugin((stack) => {
      const prod = new CfnCondition(stack, 'IsProd', { expression: Fn.conditionEquals(new CfnParameter(stack, 'Env').valueAsString, 'prod') });
      return Fn.conditionIf(prod.logicalId, 'https://app.example.com/cb', 'http://app.example.com/cb').toString();
    });
    expect(printed).toMatch(/\[COG-007\] AWS::Cognito::UserPoolClient 'Web\w*' in .*: .*'http:\/\/app\.example\.com\/cb'.* \(when IsProd is false\)/);
    expect(printed).not.toMatch(/IsProd is true/);
  });
});

describe('a client whose own Condition is never true: CloudFormation does not create it, so it is not judged', () => {
  // A client with an http callback: two errors, were it created.
  const insecure = client({ GenerateSecret: false, AllowedOAuthFlows: ['implicit'], CallbackURLs: ['http://app.example.com/cb'] });
  const check = (conditions: object, parameters: object, given?: Record<string, string>) => checkTemplate({
    Parameters: parameters,
    Conditions: conditions,
    // A resource that is no client is left out of the report, under any condition.
    Resources: { Spa: { ...insecure, Condition: 'Never' }, Topic: { Type: 'AWS::SNS::Topic', Condition: 'Never' } },
  }, 't.json', given && { parameters: given });

  test.each([
    ['two literals that differ', { Never: { 'Fn::Equals': ['a', 'b'] } }, {}, undefined],
    ['a value AllowedValues leaves out', { Never: { 'Fn::Equals': [{ Ref: 'Env' }, 'test'] } }, { Env: { Type: 'String', AllowedValues: ['dev', 'prod'] } }, undefined],
    ['a condition and its negation', { ...IS_PROD, Never: { 'Fn::And': [{ Condition: 'IsProd' }, { 'Fn::Not': [{ Condition: 'IsProd' }] }] } }, ENV, undefined],
    ['a parameter value given that the condition does not compare equal', { Never: { 'Fn::Equals': [{ Ref: 'Env' }, 'dev'] } }, ENV, { Env: 'prod' }],
  ])('%s', (_, conditions, parameters, given) => {
    expect(check(conditions, parameters, given)).toEqual({
      findings: [],
      clients: 0,
      skipped: [{ logicalId: 'Spa', templatePath: 't.json', reason: "its Condition 'Never' is never true, so CloudFormation does not create it", notAClient: true }],
      nestedStacks: [],
    });
  });

  test.each([
    ['a parameter without AllowedValues', { Never: { 'Fn::Equals': [{ Ref: 'Env' }, 'test'] } }, ENV, undefined],
    ['a parameter value given that the condition compares equal', { Never: { 'Fn::Equals': [{ Ref: 'Env' }, 'dev'] } }, ENV, { Env: 'dev' }],
    ['a comparison of anything else', { Never: { 'Fn::Equals': [{ 'Fn::Select': [0, { 'Fn::GetAZs': '' }] }, 'eu-west-1a'] } }, {}, undefined],
    ['an undefined condition', { Other: { 'Fn::Equals': ['a', 'b'] } }, {}, undefined],
  ])('%s may make it true: the client is judged', (_, conditions, parameters, given) => {
    const judged = check(conditions, parameters, given);
    expect(judged.clients).toBe(1);
    expect(judged.skipped).toEqual([]);
    expect(judged.findings.map((f) => f.ruleId)).toEqual(['OAC-085', 'COG-007']);
  });

  test('a client declared with the constructs, under a CfnCondition that is never true: not judged either', () => {
    const stack = new Stack(new App(), 'Stack');
    // A registration (a custom resource): judged by the description it records, whatever its type.
    const server = AuthorizationServer.dynamicRegistration({ issuer: 'https://login.example.com' });
    const spa = new PublicClient(stack, 'Spa', { authorizationServer: server, applicationType: ApplicationType.SINGLE_PAGE, redirectUris: ['https://app.example.com/cb'] });
    const declared = spa.node.findAll().find((c): c is CfnResource => c instanceof CfnResource && c.getMetadata(METADATA_KEY) !== undefined)!;
    declared.cfnOptions.condition = new CfnCondition(stack, 'Never', { expression: Fn.conditionEquals('on', 'off') });
    const judged = checkTemplate(Template.fromStack(stack).toJSON(), 't.json');
    expect(judged.clients).toBe(0);
    expect(judged.skipped).toEqual([{
      logicalId: stack.resolve(declared.logicalId), templatePath: 't.json', reason: "its Condition 'Never' is never true, so CloudFormation does not create it", notAClient: true,
    }]);
  });

  test('in a CDK app: a raw app client under a CfnCondition that is never true passes cdk synth; under one that may be true, it fails', () => {
    const printed = (expression: (stack: Stack) => ICfnConditionExpression) => {
      const app = new App({ context: { '@aws-cdk/core:validationReportJson': true } });
      Validations.of(app).addPlugins(new OAuthClientPolicy());
      const stack = new Stack(app, 'Stack');
      rawWebClient(stack, 'http://app.example.com/cb').cfnOptions.condition = new CfnCondition(stack, 'Deployed', { expression: expression(stack) });
      return synthPolicyCheck(app).printed;
    };
    expect(printed(() => Fn.conditionEquals('on', 'off'))).not.toMatch(/COG-007/);
    expect(printed((stack) => Fn.conditionEquals(new CfnParameter(stack, 'Env').valueAsString, 'prod'))).toMatch(
      /\[COG-007\] AWS::Cognito::UserPoolClient 'Web\w*' in .*'http:\/\/app\.example\.com\/cb'/);
  });
});

describe('a nested stack whose stack resource is never created: the clients of its template, and of the stacks within it, are not judged', () => {
  const ENV_VALUES = ['dev', 'prod'];
  /**
   * GIVEN Parent/Outer/Inner/Web, a raw client with a callback fragment (OAC-082, were it created), and a Condition on
   * Outer's stack resource (or on Inner's): `Fn::Equals [Env, expected]`, Env a parameter of Parent.
   */
  function nestedApp(options: { expected?: string; allowedValues?: string[]; on?: 'Outer' | 'Inner'; plugin?: OAuthClientPolicy; stack?: StackProps; app?: AppProps } = {}): App {
    const app = new App({ ...options.app, context: { '@aws-cdk/core:validationReportJson': true, ...options.app?.context } });
    if (options.plugin) Validations.of(app).addPlugins(options.plugin);
    const parent = new Stack(app, 'Parent', options.stack);
    nestedInsecureClient(parent);
    const outer = parent.node.findChild('Outer') as NestedStack;
    const holder = options.on === 'Inner' ? outer : parent;
    const env = new CfnParameter(holder, 'Env', { allowedValues: options.allowedValues ?? ENV_VALUES });
    const expression = Fn.conditionEquals(env.valueAsString, options.expected ?? 'test');
    const conditioned = options.on === 'Inner' ? outer.node.findChild('Inner') as NestedStack : outer;
    conditioned.nestedStackResource!.cfnOptions.condition = new CfnCondition(holder, 'Deployed', { expression });
    return app;
  }
  /** The rules the plugin reported (aws-cdk-lib leaves a plugin that passed out of the report). */
  const rulesOf = (app: App) => {
    const { directory } = synthPolicyCheck(app);
    const report = JSON.parse(readFileSync(join(directory, 'policy-validation-report.json'), 'utf8'));
    const ours = report.pluginReports.find((r: { summary: { pluginName: string } }) => r.summary.pluginName === 'cdk-oauth-clients');
    return (ours?.violations ?? []).map((v: { ruleName: string }) => v.ruleName);
  };

  test('the policy check passes when Outer is never created (Env is never \'test\'), and reports Inner\'s client when it may be', () => {
    expect(rulesOf(nestedApp({ plugin: new OAuthClientPolicy() }))).toEqual([]);
    expect(rulesOf(nestedApp({ plugin: new OAuthClientPolicy(), expected: 'prod' }))).toEqual(['OAC-082']);
    expect(rulesOf(nestedApp({ plugin: new OAuthClientPolicy(), allowedValues: ['dev', 'prod', 'test'] }))).toEqual(['OAC-082']);
  });

  test('with the deployment\'s parameter values: Outer, created only for prod, is not judged as deployed with Env dev', () => {
    expect(rulesOf(nestedApp({ plugin: new OAuthClientPolicy({ parameters: { Env: 'dev' } }), expected: 'prod' }))).toEqual([]);
    expect(rulesOf(nestedApp({ plugin: new OAuthClientPolicy({ parameters: { Env: 'prod' } }), expected: 'prod' }))).toEqual(['OAC-082']);
  });

  test('a Condition on the inner stack resource, in Outer\'s template: Inner\'s client is not judged', () => {
    expect(rulesOf(nestedApp({ plugin: new OAuthClientPolicy(), on: 'Inner' }))).toEqual([]);
    expect(rulesOf(nestedApp({ plugin: new OAuthClientPolicy(), on: 'Inner', expected: 'prod' }))).toEqual(['OAC-082']);
  });

  test('with the legacy synthesizer (no asset manifest), the stack resource\'s asset metadata finds the template', () => {
    const legacy = { stack: { synthesizer: new LegacyStackSynthesizer() }, app: { context: { 'aws:cdk:enable-asset-metadata': true } } };
    expect(rulesOf(nestedApp({ ...legacy, plugin: new OAuthClientPolicy() }))).toEqual([]);
    expect(rulesOf(nestedApp({ ...legacy, plugin: new OAuthClientPolicy(), expected: 'prod' }))).toEqual(['OAC-082']);
  });

  test('the CLI lists the client as skipped, with the stack resource and Condition that make it never created', () => {
    const dir = nestedApp().synth().directory;
    const r = runCli('check', '--format', 'json', dir);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.violations).toBe(0);
    const inner = report.templates.find((t: { path: string }) => /ParentOuterInner[0-9A-F]{8}\.nested\.template\.json$/.test(t.path));
    expect(inner.clients).toBe(0);
    expect(inner.skipped).toEqual([{
      logicalId: 'Web',
      templatePath: inner.path,
      reason: `its stack is within the nested stack 'OuterNestedStackOuterNestedStackResource34BC7A9B' of ${join(dir, 'Parent.template.json')}, `
        + 'whose Condition \'Deployed\' is never true: CloudFormation does not create it',
      notAClient: true,
    }]);
    const text = runCli('check', dir);
    expect(text.out).toMatch(/ParentOuterInner\w+\.nested\.template\.json: 0 OAuth client\(s\) checked\n  skipped 'Web': its stack is within the nested stack /);
  });

  test('a stack resource found neither by metadata nor by a manifest\'s object key: its template is judged as created', () => {
    const dir = nestedApp().synth().directory;
    const manifest = join(dir, 'Parent.assets.json');
    const assets = JSON.parse(readFileSync(manifest, 'utf8'));
    for (const file of Object.values<{ destinations: Record<string, { objectKey: string }> }>(assets.files)) {
      for (const destination of Object.values(file.destinations)) destination.objectKey = `moved/${destination.objectKey}.old`;
    }
    writeFileSync(manifest, JSON.stringify(assets));
    const r = runCli('check', '--format', 'json', dir);
    expect(r.status).toBe(1);
    const report = JSON.parse(r.out);
    expect(report.templates).toHaveLength(3);
    const inner = report.templates.find((t: { path: string }) => /ParentOuterInner[0-9A-F]{8}\.nested\.template\.json$/.test(t.path));
    expect(inner.findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['OAC-082']);
    expect(inner.skipped).toEqual([]);
  });
});

describe('property: judging the variants agrees with judging each deployment', () => {
  // Each property is a literal, or chosen by one of three conditions over the parameter Env.
  const CONDITIONS = {
    IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] },
    IsDev: { 'Fn::Equals': [{ Ref: 'Env' }, 'dev'] },
    NotProd: { 'Fn::Not': [{ Condition: 'IsProd' }] },
  };
  const HOLDS: Record<string, (env: string) => boolean> = { IsProd: (e) => e === 'prod', IsDev: (e) => e === 'dev', NotProd: (e) => e !== 'prod' };
  const ENVS = ['prod', 'dev', 'test'];

  type Choice<T> = { literal: T } | { condition: string; then: T; otherwise: T };
  const choice = <T>(values: fc.Arbitrary<T>): fc.Arbitrary<Choice<T>> => fc.oneof(
    values.map((literal) => ({ literal })),
    fc.record({ condition: fc.constantFrom('IsProd', 'IsDev', 'NotProd'), then: values, otherwise: values }),
  );
  /** The property as the template writes it, or as a deployment with Env = env gets it. */
  const written = <T>(x: Choice<T>, map: (v: T) => unknown = (v) => v): unknown =>
    ('literal' in x ? map(x.literal) : { 'Fn::If': [x.condition, map(x.then), map(x.otherwise)] });
  const deployed = <T>(x: Choice<T>, env: string, map: (v: T) => unknown = (v) => v): unknown =>
    map('literal' in x ? x.literal : HOLDS[x.condition](env) ? x.then : x.otherwise);

  const randomClient = fc.record({
    GenerateSecret: choice(fc.boolean()),
    AllowedOAuthFlows: choice(fc.subarray(['code', 'implicit', 'client_credentials'], { minLength: 1 })),
    AllowedOAuthScopes: choice(fc.subarray(['openid', 'email', 'api/read'], { minLength: 1 })),
    CallbackURLs: choice(fc.subarray(['https://app.example.com/cb', 'http://app.example.com/cb', 'https://app.example.com/cb#x', 'http://localhost/cb'])),
    Rotation: choice(fc.boolean()),
  });
  type Client = { [K in 'GenerateSecret' | 'AllowedOAuthFlows' | 'AllowedOAuthScopes' | 'CallbackURLs' | 'Rotation']: Choice<unknown> };

  function properties(c: Client, value: (x: Choice<unknown>, map?: (v: unknown) => unknown) => unknown) {
    return {
      UserPoolId: 'eu-west-1_p',
      AllowedOAuthFlowsUserPoolClient: true,
      GenerateSecret: value(c.GenerateSecret),
      AllowedOAuthFlows: value(c.AllowedOAuthFlows),
      AllowedOAuthScopes: value(c.AllowedOAuthScopes),
      CallbackURLs: value(c.CallbackURLs),
      RefreshTokenRotation: { Feature: value(c.Rotation, (on) => (on ? 'ENABLED' : 'DISABLED')) },
    };
  }

  const ruleIds = (template: unknown) => checkTemplate(template, 't.json', { minimumSeverity: 'info' as never }).findings;

  test('a rule is reported iff some deployment breaks it, and without conditions iff every deployment does', () => {
    fc.assert(fc.property(randomClient, (c) => {
      const judged = ruleIds({
        Parameters: { Env: { Type: 'String' } },
        Conditions: CONDITIONS,
        Resources: { C: { Type: 'AWS::Cognito::UserPoolClient', Properties: properties(c as Client, written) } },
      });
      const perEnv = ENVS.map((env) => new Set(ruleIds({
        Resources: { C: { Type: 'AWS::Cognito::UserPoolClient', Properties: properties(c as Client, (x, map) => deployed(x, env, map)) } },
      }).map((f) => f.ruleId)));

      expect(judged.map((f) => f.ruleId).sort()).toEqual([...new Set(perEnv.flatMap((ids) => [...ids]))].sort());
      for (const f of judged) expect(f.message.includes('(when ')).toBe(!perEnv.every((ids) => ids.has(f.ruleId)));
    }), { numRuns: 300 });
  });

  test('with a parameter the properties name (AllowedValues): judging its values agrees with judging each deployment given with --parameter', () => {
    const callbacks = fc.constantFrom('https://app.example.com/cb', 'http://app.example.com/cb', 'https://app.example.com/cb#x', 'http://localhost/cb');
    fc.assert(fc.property(randomClient, fc.tuple(callbacks, callbacks, callbacks), (c, perEnv) => {
      const template = {
        Parameters: { Env: { Type: 'String', AllowedValues: ENVS } },
        Conditions: CONDITIONS,
        Mappings: { Callbacks: Object.fromEntries(ENVS.map((env, i) => [env, { Url: perEnv[i] }])) },
        Resources: {
          C: {
            Type: 'AWS::Cognito::UserPoolClient',
            Properties: {
              ...properties(c as Client, written),
              ClientName: { 'Fn::Sub': 'web-${Env}' },
              CallbackURLs: [{ 'Fn::FindInMap': ['Callbacks', { Ref: 'Env' }, 'Url'] }],
            },
          },
        },
      };
      const judged = ruleIds(template);
      const deployments = ENVS.map((env) => new Set(checkTemplate(template, 't.json', { minimumSeverity: 'info' as never, parameters: { Env: env } })
        .findings.map((f) => f.ruleId)));
      expect(judged.map((f) => f.ruleId).sort()).toEqual([...new Set(deployments.flatMap((ids) => [...ids]))].sort());
      for (const f of judged) expect(f.message.includes('(when ')).toBe(!deployments.every((ids) => ids.has(f.ruleId)));
    }), { numRuns: 200 });
  });
});
