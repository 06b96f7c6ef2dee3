import { Rule } from '../rule';
import { FAPI_001 } from './fapi-001';
import { FAPI_002 } from './fapi-002';
import { FAPI_003 } from './fapi-003';
import { FAPI_004 } from './fapi-004';
import { FAPI_005 } from './fapi-005';
import { FAPI_006 } from './fapi-006';
import { FAPI_007 } from './fapi-007';
import { FAPI_008 } from './fapi-008';
import { OAC_001 } from './oac-001';
import { OAC_002 } from './oac-002';
import { OAC_004 } from './oac-004';
import { OAC_005 } from './oac-005';
import { OAC_007 } from './oac-007';
import { OAC_008 } from './oac-008';
import { OAC_009 } from './oac-009';
import { OAC_020 } from './oac-020';
import { OAC_021 } from './oac-021';
import { OAC_022 } from './oac-022';
import { OAC_024 } from './oac-024';
import { OAC_026 } from './oac-026';
import { OAC_040 } from './oac-040';
import { OAC_041 } from './oac-041';
import { OAC_042 } from './oac-042';
import { OAC_043 } from './oac-043';
import { OAC_044 } from './oac-044';
import { OAC_045 } from './oac-045';
import { OAC_047 } from './oac-047';
import { OAC_060 } from './oac-060';
import { OAC_061 } from './oac-061';
import { OAC_062 } from './oac-062';
import { OAC_080 } from './oac-080';
import { OAC_081 } from './oac-081';
import { OAC_082 } from './oac-082';
import { OAC_083 } from './oac-083';
import { OAC_084 } from './oac-084';
import { OAC_085 } from './oac-085';
import { OAC_086 } from './oac-086';
import { OAC_087 } from './oac-087';
import { OAC_088 } from './oac-088';
import { OAC_089 } from './oac-089';
import { OAC_091 } from './oac-091';
import { OAC_092 } from './oac-092';
import { OAC_100 } from './oac-100';
import { OAC_120 } from './oac-120';

/**
 * The rules that do not depend on the authorization server's product (`OAC-*`, `FAPI-*`), in rule-table order:
 * all that can apply to a client registered dynamically, so the provider Lambda bundles these and no others.
 */
export const SERVER_NEUTRAL_RULES: readonly Rule[] = [
  OAC_001,
  OAC_002,
  OAC_004,
  OAC_005,
  OAC_007,
  OAC_008,
  OAC_009,
  OAC_020,
  OAC_021,
  OAC_022,
  OAC_024,
  OAC_026,
  OAC_040,
  OAC_041,
  OAC_042,
  OAC_043,
  OAC_044,
  OAC_045,
  OAC_047,
  OAC_060,
  OAC_061,
  OAC_062,
  OAC_080,
  OAC_081,
  OAC_082,
  OAC_083,
  OAC_084,
  OAC_085,
  OAC_086,
  OAC_087,
  OAC_088,
  OAC_089,
  OAC_091,
  OAC_092,
  OAC_100,
  OAC_120,
  FAPI_001,
  FAPI_002,
  FAPI_003,
  FAPI_004,
  FAPI_005,
  FAPI_006,
  FAPI_007,
  FAPI_008,
];
