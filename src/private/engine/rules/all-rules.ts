import { withCognitoLimits } from './cognito-limits';
import { SERVER_NEUTRAL_RULES } from './server-neutral-rules';
import { Rule } from '../rule';
import { A0_001 } from './a0-001';
import { A0_002 } from './a0-002';
import { A0_004 } from './a0-004';
import { A0_005 } from './a0-005';
import { A0_006 } from './a0-006';
import { COG_001 } from './cog-001';
import { COG_002 } from './cog-002';
import { COG_003 } from './cog-003';
import { COG_004 } from './cog-004';
import { COG_005 } from './cog-005';
import { COG_006 } from './cog-006';
import { COG_007 } from './cog-007';
import { COG_008 } from './cog-008';

/**
 * Every rule, in rule-table order: the server-neutral ones, then each backend's capability rules. The FAPI findings
 * on a Cognito client say what Cognito cannot do (the provider Lambda, which registers clients elsewhere, does not
 * carry that text).
 */
export const RULES: readonly Rule[] = [
  ...SERVER_NEUTRAL_RULES.map(withCognitoLimits),
  COG_001,
  COG_002,
  COG_003,
  COG_004,
  COG_005,
  COG_006,
  COG_007,
  COG_008,
  A0_001,
  A0_002,
  A0_004,
  A0_005,
  A0_006,
];
