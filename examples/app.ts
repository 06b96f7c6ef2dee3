// The main job: the example app. `npx projen example` synthesizes it with the aws-cdk CLI (no AWS credentials needed).
import { App } from 'aws-cdk-lib';
import { ExampleStack } from './example-stack';

const app = new App();
new ExampleStack(app, 'OAuthClientsExample');
app.synth();
