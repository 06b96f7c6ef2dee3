// Prints where `cdk synth` put the example's templates, and what they hold.
import { readdirSync, readFileSync } from 'fs';
import { join, resolve } from 'path';

const outdir = resolve(process.argv[2] ?? 'cdk.out');
for (const file of readdirSync(outdir).filter((f) => f.endsWith('.template.json'))) {
  const template = JSON.parse(readFileSync(join(outdir, file), 'utf8'));
  const resources = Object.values<{ Type: string }>(template.Resources ?? {});
  const count = (type: string) => resources.filter((r) => r.Type === type).length;
  console.log(`${join(outdir, file)}: ${resources.length} resources, `
    + `${count('AWS::Cognito::UserPoolClient')} Cognito clients (${count('Custom::CognitoClientSecret')} with a secret in Secrets Manager), `
    + `${count('Custom::OAuthClientRegistration')} dynamically registered client(s)`);
}
