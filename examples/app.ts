// The main job: the example app. `npx projen example` synthesizes it with the aws-cdk CLI (no AWS credentials needed).
import { App, Validations } from 'aws-cdk-lib';
import { CURRENTLY_RECOMMENDED_FLAGS } from 'aws-cdk-lib/cx-api';
import { OAuthClientPolicy } from '../src';
import { ExampleStack } from './example-stack';

// The feature flags that a new `cdk init` project sets in its cdk.json: the example synthesizes as a user's app does.
const app = new App({ context: { ...CURRENTLY_RECOMMENDED_FLAGS } });
// The same rules as policy checks over every template of the app (raw Cognito clients included).
Validations.of(app).addPlugins(new OAuthClientPolicy());
new ExampleStack(app, 'OAuthClientsExample');
app.synth();
