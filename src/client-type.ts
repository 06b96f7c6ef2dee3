/**
 * The two OAuth 2.0 client types.
 *
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-2.1
 */
export enum ClientType {
  /** A client that can keep a credential confidential (a web app with a backend, a machine-to-machine client). */
  CONFIDENTIAL = 'confidential',
  /** A client that cannot keep a credential (a native or mobile app, a single-page app). */
  PUBLIC = 'public',
}
