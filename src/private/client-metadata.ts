/**
 * The template metadata key under which a client declared with this library records how it was validated:
 * `{ construct, server, profile, description, acknowledged?, info? }`. The policy plugin and the CLI read it back.
 */
export const METADATA_KEY = 'cdk-oauth-clients';
