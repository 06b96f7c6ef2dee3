/** The client secret values the AWS test doubles hand out: they must never appear in a template, a response or a log. */
export const MOCK_CLIENT_SECRETS = [
  'mock-cognito-client-secret-4f1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b',
  'mock-cognito-client-secret-rotated-0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d',
  // One added to an app client by hand (AddUserPoolClientSecret): DescribeUserPoolClient never returns it.
  'mock-cognito-client-secret-added-1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b',
];
