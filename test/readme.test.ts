import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import * as cdk from 'aws-cdk-lib';
import { App, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as ts from 'typescript';
import * as library from '../src';

/**
 * The README's TypeScript examples are code users copy: each compiles against the library as it is, and the ones that
 * show an outcome (a finding, an error, a synthesized app) show the one the library gives.
 */

const ROOT = join(__dirname, '..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

interface Block {
  /** The file the block is in: README.md, or a source file whose API docs hold it as an `@example`. */
  readonly file: string;
  /** Where the block starts in its file (the line of its opening fence, or of its `@example` tag). */
  readonly line: number;
  readonly code: string;
}

const BLOCKS: Block[] = [...README.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => ({
  file: 'README.md',
  line: README.slice(0, m.index).split('\n').length,
  code: m[1],
}));

/** The `@example`s of the public API's docs (src/*.ts, which API.md and editors show), each up to its comment's end or next tag. */
const API_EXAMPLES: Block[] = readdirSync(join(ROOT, 'src')).filter((f) => f.endsWith('.ts')).flatMap((f) => {
  const text = readFileSync(join(ROOT, 'src', f), 'utf8');
  return [...text.matchAll(/^\s*\* @example\n((?:\s*\*(?: (?!@)[^\n]*)?\n)+?)\s*\*(?:\/| @)/gm)].map((m) => ({
    file: `src/${f}`,
    line: text.slice(0, m.index).split('\n').length + 1,
    code: m[1].split('\n').map((l) => l.replace(/^\s*\* ?/, '')).join('\n'),
  }));
});

/** The package's import paths, as this repository's sources. */
function fromSources(code: string): string {
  return code
    .replace(/from 'cdk-oauth-clients\/lib\/([^']+)'/g, "from '../src/$1'")
    .replace(/from 'cdk-oauth-clients'/g, "from '../src'");
}

/**
 * What the text around a fragment speaks of and the fragment uses without declaring: "in the service stack; web is a
 * ConfidentialClient of the auth stack", the app and stack of the examples before it, and so on.
 */
const CONTEXT: Record<string, string> = {
  app: "declare const app: import('aws-cdk-lib').App;",
  stack: "declare const stack: import('aws-cdk-lib').Stack;",
  userPool: "declare const userPool: import('aws-cdk-lib/aws-cognito').UserPool;",
  backendRole: "declare const backendRole: import('aws-cdk-lib/aws-iam').IRole;",
  web: "declare const web: import('../src').ConfidentialClient;",
  partner: "declare const partner: import('../src').IAuthorizationServer;",
  server: "declare const server: import('../src').IAuthorizationServer;",
  registrationTokenSecret: "declare const registrationTokenSecret: import('aws-cdk-lib/aws-secretsmanager').ISecret;",
  serviceRole: "declare const serviceRole: import('aws-cdk-lib/aws-iam').IRole;",
  taskDefinition: "declare const taskDefinition: import('aws-cdk-lib/aws-ecs').TaskDefinition;",
  image: "declare const image: import('aws-cdk-lib/aws-ecs').ContainerImage;",
  ecs: "import * as ecs from 'aws-cdk-lib/aws-ecs';",
  cognito: "import * as cognito from 'aws-cdk-lib/aws-cognito';",
  iam: "import * as iam from 'aws-cdk-lib/aws-iam';",
  kms: "import * as kms from 'aws-cdk-lib/aws-kms';",
  secretsmanager: "import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';",
  webClientId: 'declare const webClientId: string;',
  webSecretArn: 'declare const webSecretArn: string;',
  webKeyArn: 'declare const webKeyArn: string;',
  elbv2: "import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';",
  Validations: "import { Validations } from 'aws-cdk-lib';",
  listener: "declare const listener: import('aws-cdk-lib/aws-elasticloadbalancingv2').ApplicationListener;",
  targetGroup: "declare const targetGroup: import('aws-cdk-lib/aws-elasticloadbalancingv2').ApplicationTargetGroup;",
};

/** The identifiers a block uses, and those it declares (imports and variables). */
function identifiers(code: string): { used: Set<string>; declared: Set<string> } {
  const used = new Set<string>();
  const declared = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) used.add(node.text);
    if ((ts.isVariableDeclaration(node) || ts.isImportSpecifier(node) || ts.isNamespaceImport(node)) && ts.isIdentifier(node.name)) {
      declared.add(node.name.text);
    }
    if (ts.isVariableDeclaration(node) && ts.isObjectBindingPattern(node.name)) {
      for (const element of node.name.elements) if (ts.isIdentifier(element.name)) declared.add(element.name.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile('block.ts', code, ts.ScriptTarget.ES2022, true));
  return { used, declared };
}

/**
 * A block as a module of its own: its imports, those of the library's names it uses without importing them, the
 * context it speaks of, and its statements in an async function (two examples await at their top level, as an ES
 * module may).
 */
function asModule(block: Block): string {
  const code = fromSources(block.code);
  const { used, declared } = identifiers(code);
  const lines = code.split('\n');
  const imports = lines.filter((l) => l.startsWith('import '));
  const body = lines.filter((l) => !l.startsWith('import '));
  const libraryNames = Object.keys(library).filter((name) => used.has(name) && !declared.has(name));
  const context = Object.entries(CONTEXT).filter(([name]) => used.has(name) && !declared.has(name)).map(([, declaration]) => declaration);
  return [
    ...imports,
    ...(libraryNames.length > 0 ? [`import { ${libraryNames.join(', ')} } from '../src';`] : []),
    ...context,
    'export async function example(): Promise<void> {',
    ...body,
    '}',
  ].join('\n');
}

/** The modules the examples that are run import. */
const MODULES: Record<string, unknown> = { '../src': library, 'aws-cdk-lib': cdk, 'aws-cdk-lib/aws-cognito': cognito, 'aws-cdk-lib/aws-iam': iam };

/**
 * Runs a block that needs nothing but the library, aws-cdk-lib and the context given (values for the names it uses
 * without declaring), and returns the values of the names asked for.
 */
function run(block: Block, names: string[], context: Record<string, unknown> = {}): Record<string, unknown> {
  const code = `${fromSources(block.code)}\nmodule.exports = { ${names.join(', ')} };`;
  const js = ts.transpileModule(code, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  const module = { exports: {} as Record<string, unknown> };
  const localRequire = (id: string) => {
    if (!(id in MODULES)) throw new Error(`the README example at line ${block.line} imports ${id}, which this test does not give`);
    return MODULES[id];
  };
  new Function('require', 'module', 'exports', ...Object.keys(context), js)(localRequire, module, module.exports, ...Object.values(context));
  return module.exports;
}

function blockContaining(text: string): Block {
  const found = BLOCKS.filter((b) => b.code.includes(text));
  expect(found).toHaveLength(1);
  return found[0];
}

test('the README has the TypeScript examples this test knows', () => {
  expect(BLOCKS.length).toBeGreaterThanOrEqual(10);
});

test('the API docs have the @examples this test knows', () => {
  expect(API_EXAMPLES.map((b) => b.file).sort()).toEqual([
    'src/authorization-server.ts', 'src/authorization-server.ts', 'src/client-validator.ts', 'src/confidential-client.ts',
    'src/oauth-client-policy.ts', 'src/public-client.ts',
  ]);
});

test('every TypeScript example of the README and of the API docs compiles against the library', () => {
  const parsed = ts.getParsedCommandLineOfConfigFile(join(ROOT, 'tsconfig.dev.json'), {}, {
    ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n')); },
  })!;
  // Examples name results they do not use (`const { access_token } = ...`), as examples do.
  const options = { ...parsed.options, noEmit: true, noUnusedLocals: false, noUnusedParameters: false };
  const examples = [...BLOCKS, ...API_EXAMPLES];
  const fileOf = (block: Block) => join(ROOT, 'test', `example-${block.file.replace(/\W/g, '-')}-line-${block.line}.ts`);
  const blockOf = new Map(examples.map((block) => [fileOf(block), block]));
  const files = new Map(examples.map((block) => [fileOf(block), asModule(block)]));
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (name) => files.get(name) ?? readFile(name);
  host.fileExists = (name) => files.has(name) || fileExists(name);
  host.getSourceFile = (name, language, onError, fresh) => {
    const text = files.get(name);
    return text !== undefined ? ts.createSourceFile(name, text, language) : getSourceFile(name, language, onError, fresh);
  };
  const program = ts.createProgram([...files.keys()], options, host);
  const problems = [...files.keys()].flatMap((name) => {
    const source = program.getSourceFile(name)!;
    return [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)].map((d) => {
      const { line } = source.getLineAndCharacterOfPosition(d.start ?? 0);
      const block = blockOf.get(name)!;
      return `${block.file} example at line ${block.line}: ${source.text.split('\n')[line].trim()}\n  `
        + ts.flattenDiagnosticMessageText(d.messageText, '\n');
    });
  });
  expect(problems).toEqual([]);
}, 180_000);

test('the validator example gives the findings its comment lists', () => {
  const block = blockContaining('ClientValidator.validate(');
  const { findings } = run(block, ['findings']) as { findings: library.Finding[] };
  const listed = [...block.code.split('\n').filter((l) => l.startsWith('//')).join('\n').matchAll(/\[([A-Z0-9]+-\d{3})\]/g)].map((m) => m[1]);
  expect(listed).toEqual(['OAC-045', 'OAC-060', 'OAC-088']);
  expect(findings.map((f) => f.ruleId).sort()).toEqual(listed);
});

test('the usage example synthesizes its clients: two Cognito app clients, one secret in Secrets Manager', () => {
  const { app } = run(blockContaining("new Stack(app, 'Auth')"), ['app']) as { app: App };
  const template = app.synth().getStackByName('Auth').template as { Resources: Record<string, { Type: string }> };
  const types = Object.values(template.Resources).map((r) => r.Type);
  expect(types.filter((t) => t === 'AWS::Cognito::UserPoolClient')).toHaveLength(2);
  expect(types.filter((t) => t === 'Custom::CognitoClientSecret')).toHaveLength(1);
});

test('the quick start and the usage example synthesize without a warning (their pool has a domain)', () => {
  for (const stackId of ['OAuthClients', 'Auth']) {
    const { app } = run(blockContaining(`new Stack(app, '${stackId}')`), ['app']) as { app: App };
    const warnings = app.synth().getStackByName(stackId).messages.filter((m) => m.level === 'warning').map((m) => `${m.id}: ${m.entry.data}`);
    expect(warnings).toEqual([]);
  }
});

test('the README\'s table of warnings outside the rule table lists every such warning ID the constructs give', () => {
  const sources = (dir: string): string[] => readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
  const given = new Set(sources(join(ROOT, 'src')).flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/'(cdk-oauth-clients:[a-z-]+)'/g)].map((m) => m[1])));
  const listed = [...README.matchAll(/^\| `(cdk-oauth-clients:[a-z-]+)` \|/gm)].map((m) => m[1]);
  expect(listed.sort()).toEqual([...given].sort());
  expect(listed.length).toBeGreaterThanOrEqual(5);
});

test('the error the README shows for an insecure client is the one cdk synth gives', () => {
  const shown = README.match(/An insecure client fails `cdk synth`[^\n]*\n\n```\n(.+)\n```/)![1];
  expect(shown).toMatch(/^\[OAC-060\] PublicClient 'Auth\/Mobile': /);
  const app = new App();
  const stack = new Stack(app, 'Auth');
  new library.PublicClient(stack, 'Mobile', {
    authorizationServer: library.AuthorizationServer.cognito(new cognito.UserPool(stack, 'Users')),
    applicationType: library.ApplicationType.NATIVE,
    redirectUris: ['com.example.app:/oauth2redirect'],
    pkce: library.PkceMethod.NONE,
  });
  expect(() => app.synth()).toThrow(`[Auth/Mobile] ${shown}`);
});

test('the escape hatch the README shows for Cognito settings reaches the app client of a ConfidentialClient', () => {
  const block = blockContaining('appClient.writeAttributes');
  const app = new App();
  const stack = new Stack(app, 'Auth');
  const web = new library.ConfidentialClient(stack, 'Web', {
    authorizationServer: library.AuthorizationServer.cognito(new cognito.UserPool(stack, 'Users')),
    redirectUris: ['https://app.example.com/callback'],
  });
  const { appClient } = run(block, ['appClient'], { web }) as { appClient: cognito.CfnUserPoolClient };
  expect(appClient).toBeInstanceOf(cognito.CfnUserPoolClient);
  const [client] = Object.values(app.synth().getStackByName('Auth').template.Resources as Record<string, { Type: string; Properties: any }>)
    .filter((r) => r.Type === 'AWS::Cognito::UserPoolClient');
  expect(client.Properties.WriteAttributes).toEqual(['name', 'locale']);
  expect(client.Properties.ReadAttributes).toEqual(['email', 'email_verified', 'name', 'locale']);
});

test('the load balancer example gives the listener the client ID and a dynamic reference to its client_secret, not a value', () => {
  const block = blockContaining('elbv2.ListenerAction.authenticateOidc');
  const app = new App();
  const stack = new Stack(app, 'Web');
  const web = new library.ConfidentialClient(stack, 'Web', {
    authorizationServer: library.AuthorizationServer.dynamicRegistration({ issuer: 'https://login.example.com' }),
    redirectUris: ['https://app.example.com/oauth2/idpresponse'],
  });
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0 });
  const listener = new elbv2.ApplicationLoadBalancer(stack, 'Lb', { vpc }).addListener('Https', {
    port: 443, certificates: [elbv2.ListenerCertificate.fromArn('arn:aws:acm:eu-west-1:111111111111:certificate/abc')],
  });
  const targetGroup = new elbv2.ApplicationTargetGroup(stack, 'App', { vpc, port: 8080 });
  run(block, [], { web, listener, targetGroup, elbv2 });

  const template = app.synth().getStackByName('Web').template as { Resources: Record<string, { Type: string; Properties: any }> };
  const [registration] = Object.entries(template.Resources).filter(([, r]) => r.Type === 'Custom::OAuthClientRegistration').map(([id]) => id);
  const [listenerResource] = Object.values(template.Resources).filter((r) => r.Type === 'AWS::ElasticLoadBalancingV2::Listener');
  expect(listenerResource.Properties.DefaultActions[0]).toEqual({
    Type: 'authenticate-oidc',
    Order: expect.any(Number),
    AuthenticateOidcConfig: expect.objectContaining({
      ClientId: { 'Fn::GetAtt': [registration, 'ClientId'] },
      ClientSecret: { 'Fn::Join': ['', ['{{resolve:secretsmanager:', { 'Fn::GetAtt': [registration, 'SecretArn'] }, ':SecretString:client_secret::}}']] },
    }),
  });
});

test('the validator\'s API example gives the error its comment names (OAC-060)', () => {
  const [block] = API_EXAMPLES.filter((b) => b.file === 'src/client-validator.ts');
  const { errors } = run(block, ['errors'], { ...library }) as { errors: library.Finding[] };
  expect(errors.map((f) => f.ruleId)).toContain('OAC-060');
  expect(block.code).toContain('// [OAC-060] public clients MUST use PKCE');
});
