// The main job: the example app. `npx projen example` synthesizes it with the aws-cdk CLI (no AWS credentials needed).
import { App, Validations } from 'aws-cdk-lib';
import { OAuthClientPolicy } from '../src';
import { ExampleStack } from './example-stack';

const app = new App();
// The same rules as policy checks over every template of the app (raw Cognito clients included).
Validations.of(app).addPlugins(new OAuthClientPolicy());
new ExampleStack(app, 'OAuthClientsExample');
app.synth();
