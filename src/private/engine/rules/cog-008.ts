import { RuleScope } from '../../../rule-info';
import { Severity } from '../../../severity';
import { Breach, Rule } from '../rule';

const MAX_CALLBACKS = 100;
const MAX_URL_LENGTH = 1024;
const MAX_NAME_LENGTH = 128;

export const COG_008: Rule = {
  id: 'COG-008',
  severity: Severity.ERROR,
  scope: RuleScope.COGNITO,
  condition: 'more than 100 callback URLs, a URL over 1024 characters, or a client name over 128 characters',
  source: 'Cognito API limits',
  acknowledgeable: false,
  check: (c) => {
    const breaches: Breach[] = [];
    if (c.redirectUris.values.length > MAX_CALLBACKS) {
      breaches.push({ problem: `Cognito allows at most ${MAX_CALLBACKS} callback URLs, but ${c.redirectUris.values.length} were given`, fix: 'Split the client, or remove unused callback URLs.' });
    }
    // A token resolves to some text: a URI whose literal text alone is too long is too long whatever it resolves to.
    for (const u of c.redirectUris.values.filter((uri) => uri.literalLength > MAX_URL_LENGTH)) {
      const length = u.resolved ? `${u.literalLength}` : `at least ${u.literalLength}`;
      breaches.push({ problem: `Cognito allows callback URLs of at most ${MAX_URL_LENGTH} characters, but one of ${length} was given ('${u.shown.slice(0, 40)}...')`, fix: 'Shorten the callback URL.' });
    }
    if (c.clientName !== undefined && c.clientName.length > MAX_NAME_LENGTH) {
      breaches.push({ problem: `Cognito allows client names of at most ${MAX_NAME_LENGTH} characters, but one of ${c.clientName.length} was given`, fix: 'Shorten clientName.' });
    }
    return breaches;
  },
};
