/**
 * What kind of application a client is. It decides the client type and the secure defaults.
 *
 * @see https://openid.net/specs/openid-connect-registration-1_0.html#ClientMetadata (application_type)
 */
export enum ApplicationType {
  /** A web application with a secure backend (confidential; authorization code). */
  WEB = 'web',
  /** A non-interactive service (confidential; client credentials). */
  MACHINE_TO_MACHINE = 'machine_to_machine',
  /** A native desktop or mobile application (public; authorization code with PKCE). */
  NATIVE = 'native',
  /** A JavaScript application running in the browser (public; authorization code with PKCE). */
  SINGLE_PAGE = 'single_page',
}
