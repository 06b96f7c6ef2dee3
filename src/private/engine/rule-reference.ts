import { Rule } from './rule';
import { RuleScope } from '../../rule-info';
import { RULES } from './rules/all-rules';

const SECTIONS: Array<{ scope: RuleScope; title: string; intro: string }> = [
  { scope: RuleScope.ALL, title: 'OAC: every client', intro: 'Apply to every client, on every authorization server.' },
  { scope: RuleScope.FAPI_2_0, title: 'FAPI: FAPI 2.0 Security Profile', intro: 'Apply only when `profile: ValidationProfile.FAPI_2_0` is selected.' },
  { scope: RuleScope.COGNITO, title: 'COG: Amazon Cognito', intro: 'Backend capability rules: apply only to clients on a Cognito user pool. They cannot be acknowledged.' },
  { scope: RuleScope.AUTH0, title: 'A0: Auth0', intro: 'Backend capability rules: apply only to clients on Auth0. They cannot be acknowledged.' },
];

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** Where the rule reference is published. */
export const RULES_DOC = 'https://github.com/cdk-oauth-clients/cdk-oauth-clients/blob/main/docs/rules.md';

/** The anchor of a rule's row in the rule reference (`oac-060`). */
function anchor(ruleId: string): string {
  return ruleId.toLowerCase();
}

/** The address of a rule's row in the published rule reference, for reports that link to it (SARIF, the CDK report). */
export function ruleDocUrl(ruleId: string): string {
  return `${RULES_DOC}#${anchor(ruleId)}`;
}

/** Whether a rule of the reference has this ID, matched exactly, as findings carry it. */
export function isRuleId(id: string): boolean {
  return RULES.some((r) => r.id === id);
}

/**
 * What is wrong with the given rule IDs (those that no rule of the reference has), said for an error that names where
 * they were given; undefined when every ID is a rule's. IDs are matched exactly, as findings carry them.
 */
export function unknownRuleIds(ids: readonly string[]): string | undefined {
  const unknown = ids.filter((id) => !isRuleId(id));
  if (unknown.length === 0) return undefined;
  const named = unknown.map((id) => `'${id}'`).join(', ');
  return `${named} ${unknown.length === 1 ? 'is not a rule ID' : 'are not rule IDs'}. Use IDs of the rule reference (docs/rules.md), e.g. 'OAC-022'`;
}

function row(rule: Rule): string {
  const id = `<a id="${anchor(rule.id)}"></a>${rule.id}`;
  return `| ${id} | ${rule.severity} | ${cell(rule.condition)} | ${cell(rule.source)} | ${rule.acknowledgeable ? 'yes' : 'no'} |`;
}

/**
 * Renders the rule reference (docs/rules.md) from the rule definitions.
 */
export function renderRuleReference(): string {
  const lines = [
    '<!-- Generated from the rule definitions in src/private/engine/rules by `npx projen rules-doc`. Do not edit. -->',
    '# Rule reference',
    '',
    'Every finding of the validator carries one of these IDs, in the construct error, the CDK warning,',
    'the policy-validation report and the deploy-time failure. IDs never change meaning.',
    '',
    'Severity: **error** fails `cdk synth`; **warning** is an acknowledgeable CDK warning; **info** is recorded only.',
    'Acknowledge a warning or an acknowledgeable error with `acknowledgedRules: { \'OAC-061\': \'reason\' }`.',
    '',
    'A value known only at deployment (a CDK token, a CloudFormation intrinsic) is not judged at synth. A redirect URI',
    'that embeds one (`https://${distribution.distributionDomainName}/callback`, `Fn::Join`, `Fn::Sub`) is judged on',
    'what its literal text decides whatever the token resolves to: a `#`, a `*`, a literal scheme, a literal authority',
    '(`http://app.example.com/${stage}`), or a literal text already too long for Cognito. Dynamic registration judges',
    'the registered values again at deploy time.',
    '',
    `${RULES.length} rules.`,
  ];
  for (const section of SECTIONS) {
    const rules = RULES.filter((r) => r.scope === section.scope);
    lines.push('', `## ${section.title}`, '', section.intro, '',
      '| ID | severity | condition | source | acknowledgeable |', '|---|---|---|---|---|', ...rules.map(row));
  }
  return lines.join('\n') + '\n';
}
