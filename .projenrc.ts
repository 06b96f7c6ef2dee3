import { awscdk, javascript } from 'projen';

const project = new awscdk.AwsCdkConstructLibrary({
  name: 'cdk-oauth-clients',
  description:
    'OAuth 2.0 / OpenID Connect clients as code: ConfidentialClient and PublicClient constructs for Amazon Cognito and RFC 7591 dynamic registration, secrets in Secrets Manager, and a validator that rejects insecure clients at cdk synth.',
  author: 'cdk-oauth-clients maintainers',
  authorAddress: 'maintainers@cdk-oauth-clients.dev',
  repositoryUrl: 'https://github.com/cdk-oauth-clients/cdk-oauth-clients.git',
  license: 'Apache-2.0',
  stability: 'experimental',
  keywords: ['cdk', 'awscdk', 'aws-cdk', 'oauth', 'oauth2', 'oidc', 'cognito', 'secrets-manager', 'kms'],
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  projenVersion: '0.103.25',
  minNodeVersion: '20.0.0',

  // jsii ~6.0 compiles with TypeScript 6.0 (TS 7 is not supported).
  jsiiVersion: '~6.0.0',
  typescriptVersion: '~6.0.0',
  cdkVersion: '2.257.0',
  constructsVersion: '10.5.1',

  // We cannot reach other package registries: JavaScript target only, no GitHub workflows.
  github: false,
  release: false,

  // jose is ESM-only: it is bundled into the Lambda handler by esbuild and used by tests, never loaded at synth.
  tsconfig: { compilerOptions: { module: 'node20' } },
  tsconfigDevFile: 'tsconfig.dev.json',
  eslintOptions: {
    dirs: ['src'],
    devdirs: ['test', 'examples', 'scripts'],
    projectService: false,
    tsconfigPath: './tsconfig.dev.json',
    ignorePatterns: ['*.js', '*.d.ts', 'node_modules/', '*.generated.ts', 'coverage', 'test/consumer/'],
  },
  lambdaOptions: {
    runtime: awscdk.LambdaRuntime.NODEJS_24_X,
    // Lambda bundling options pass through to the bundler, which minifies (its type does not list the option).
    bundlingOptions: { externals: ['@aws-sdk/*'], minify: true } as javascript.BundlingOptions,
  },

  // The CLI reads YAML templates; jsii libraries bundle their plain npm dependencies.
  bundledDeps: ['yaml@^2'],
  bin: { 'cdk-oauth-clients': 'lib/private/cli/main.js' },
  devDeps: [
    'jose@^6',
    'fast-check@^4',
    'aws-cdk@^2.1100.0',
    'aws-sdk-client-mock@^4',
    '@aws-sdk/client-cognito-identity-provider@^3',
    '@aws-sdk/client-secrets-manager@^3',
    '@aws-sdk/client-kms@^3',
    '@aws-sdk/client-cloudformation@^3',
    'cdk-nag@^3',
    'oidc-provider@^9',
    '@types/oidc-provider@^9',
    'openid-client@^6',
    '@microsoft/jest-sarif@1.0.0-beta.0',
  ],

  jestOptions: {
    jestVersion: '^30',
    // Snapshots never update silently: a changed snapshot is a failing test.
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    configFilePath: 'jest.config.json',
    jestConfig: {
      // ESM-only packages (jose, oidc-provider, openid-client) are transpiled for jest.
      transformIgnorePatterns: ['/node_modules/(?!(jose|oidc-provider|oauth4webapi|openid-client)/)'],
      testPathIgnorePatterns: ['/node_modules/', '/test/consumer/'],
      coverageReporters: ['json', 'lcov', 'text-summary'],
    },
  },
  tsJestOptions: {
    transformPattern: '^.+\\.[tj]sx?$',
  },
  typecheckTests: true,
  npmIgnoreOptions: { ignorePatterns: ['/examples/', '/scripts/', '/bench/', '/.ci/', '/cdk.out/', '/coverage/', '/test-reports/'] },
  gitignore: ['/cdk.out', '/examples/cdk.out', '/bench/out', '/bench/results.smoke.json', '.DS_Store'],
});

project.tsconfigDev.addInclude('.projenrc.ts');
// npm 11 runs a dependency's install script only where package.json allows it. esbuild's checks its platform binary
// and installs it where npm skipped the optional package that carries it, as npm 10 always let it do. @parcel/watcher's
// (jest's watch mode) only builds from source when asked to: its prebuilt binary comes as an optional package.
project.package.addField('allowScripts', { 'esbuild': true, '@parcel/watcher': false });
// The provider Lambda and the runtime helpers import the AWS SDK v3 that the Lambda runtime provides.
project.eslint?.addOverride({
  files: ['src/private/handler/**/*.ts', 'src/runtime/**/*.ts'],
  rules: { 'import/no-extraneous-dependencies': 'off' },
});
// The handler sources run only as the esbuild bundles under assets/: the package ships their compiled copies only
// for the Lambda function constructs that point at those bundles.
project.addPackageIgnore('/lib/private/handler/*');
project.addPackageIgnore('!/lib/private/handler/*-function.js');
project.addPackageIgnore('!/lib/private/handler/*-function.d.ts');
project.tsconfigDev.addInclude('examples/**/*.ts');
project.tsconfigDev.addInclude('scripts/**/*.ts');
// The consumer fixture is compiled inside a consumer app against the packed library, not here.
project.tsconfigDev.addExclude('test/consumer');

// The rule reference is generated from the rule definitions and committed.
const rulesDoc = project.addTask('rules-doc', {
  description: 'Regenerate docs/rules.md from the rule definitions',
  exec: 'ts-node --project tsconfig.dev.json scripts/rules-doc.ts',
});
project.postCompileTask.spawn(rulesDoc);

// What users install from npm works in their own app: the packed library in fresh `cdk init` apps.
project.addTask('test:consumer', {
  description: 'Install the packed library (dist/js, from build) into fresh CDK apps and synthesize and test them',
  exec: 'bash test/consumer/check.sh',
});

// The library's own tests against the latest aws-cdk-lib too (the build runs them against the peer-dependency floor).
project.addTask('test:latest', {
  description: 'Run the jest suites that synthesize with aws-cdk-lib against its latest version, with JSII_DEPRECATED=fail',
  exec: 'bash test/latest/check.sh',
  receiveArgs: true,
});

// The library's tests on the Node.js major version of the provider's Lambda runtime too (the build runs them on this
// machine's Node.js, the minNodeVersion).
project.addTask('test:node', {
  description: "Run the jest suites on the Node.js major version of the provider's Lambda runtime (from the npm registry)",
  exec: 'bash test/node/check.sh',
  receiveArgs: true,
});

// The benchmark (not part of the test command): compiled JS in a fresh process per synthesis.
const benchCompile = project.addTask('bench:compile', { exec: 'tsc -p bench/tsconfig.json' });
// It compiles the library first: a benchmark of a stale lib/ would measure an earlier library under today's commit.
project.addTask('bench', {
  description: 'Benchmark the library against the hand-written baseline (writes bench/results.json)',
  steps: [{ spawn: 'compile' }, { spawn: 'bundle' }, { spawn: benchCompile.name }, { exec: 'node bench/out/run.js' }],
});
project.addTask('bench:smoke', {
  description: 'The benchmark harness at N = 10, one run, no targets judged (CI)',
  steps: [{ spawn: 'bundle' }, { spawn: benchCompile.name }, { exec: 'node bench/out/run.js --smoke' }],
});
project.tsconfigDev.addExclude('bench');

// The main job: synthesize the example app with the aws-cdk CLI (no AWS credentials needed).
project.addTask('example', {
  description: 'Synthesize the example app in examples/ and print where the templates went',
  steps: [
    { spawn: 'bundle' },
    { exec: 'cdk synth --app "ts-node --project tsconfig.dev.json examples/app.ts" --output cdk.out --quiet' },
    { exec: 'ts-node --project tsconfig.dev.json examples/report.ts cdk.out' },
  ],
});

project.synth();
