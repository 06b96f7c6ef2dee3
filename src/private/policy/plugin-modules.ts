// What OAuthClientPolicy needs to read and judge templates, as one module that the plugin loads when one is first
// made, not when the library is (oauth-client-policy.ts, `policyModules`).
export { DeploymentParameterError, DeploymentParameters } from './deployment-parameters';
export { judgeTemplates, withNestedTemplates } from './nested-templates';
export { ParameterValueError } from './parameter-values';
export { checkTemplate } from './template-checker';
