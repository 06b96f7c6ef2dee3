import { RuleScope } from '../../../rule-info';
import { Severity } from '../../../severity';
import { isLocalhost } from '../redirect-uri';
import { Rule } from '../rule';

export const COG_007: Rule = {
  id: 'COG-007',
  severity: Severity.ERROR,
  scope: RuleScope.COGNITO,
  condition: '`http` callback whose host is not `localhost` (Cognito rejects http://127.0.0.1)',
  source: 'CreateUserPoolClient, CallbackURLs',
  acknowledgeable: false,
  check: (c) => c.redirectUris.values.filter((u) => u.scheme === 'http' && u.host && !isLocalhost(u)).map((u) => ({
    problem: `Cognito accepts http callback URLs only for localhost, but '${u.shown}' was given`,
    fix: 'Use https, or http://localhost for local development of a native app.',
  })),
};
