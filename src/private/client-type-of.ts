import { Construct } from 'constructs';
import { ApplicationType } from '../application-type';

/** The application types of each construct's client type (RFC 6749 §2.1). */
const TYPES_OF = {
  ConfidentialClient: [ApplicationType.WEB, ApplicationType.MACHINE_TO_MACHINE],
  PublicClient: [ApplicationType.NATIVE, ApplicationType.SINGLE_PAGE],
} as const;

/** How the application type is written in code (`ApplicationType.NATIVE`). */
function inCode(applicationType: ApplicationType): string {
  return `ApplicationType.${Object.entries(ApplicationType).find(([, value]) => value === applicationType)![0]}`;
}

/**
 * Refuses an application type of the other client type (RFC 6749 §2.1), and, from callers without TypeScript's
 * checks, one that is missing or no `ApplicationType`, before the client creates anything.
 */
export function assertApplicationType(client: Construct, constructName: keyof typeof TYPES_OF, applicationType: ApplicationType): void {
  const types: readonly ApplicationType[] = TYPES_OF[constructName];
  if (types.includes(applicationType)) return;
  const where = `${constructName} '${client.node.path}'`;
  if (!Object.values(ApplicationType).includes(applicationType)) {
    throw new Error(`${where}: applicationType ${applicationType === undefined ? 'is missing' : `'${applicationType}' is not an ApplicationType`}. `
      + `Give ${types.map(inCode).join(' or ')}.`);
  }
  throw new Error(constructName === 'ConfidentialClient'
    ? `${where}: applicationType ${applicationType} is a public client (RFC 6749 §2.1): native and single-page apps cannot keep a secret. `
      + 'Use PublicClient for them.'
    : `${where}: applicationType ${applicationType} is a confidential client (RFC 6749 §2.1). `
      + 'Use ConfidentialClient for web apps with a backend and machine-to-machine clients.');
}
