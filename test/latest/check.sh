#!/usr/bin/env bash
# The library's jest suites against the latest aws-cdk-lib, beside the build's run against the peer-dependency floor.
# The suites are the same files; only `aws-cdk-lib` and `constructs` resolve to a copy of the latest version installed
# in a temporary folder (jest's moduleNameMapper, so cdk-nag and the assertions use it too). They run with
# JSII_DEPRECATED=fail: a call of an API that the latest version deprecates fails, as it would warn users.
# Not run here: the handler's tests, which load no aws-cdk-lib.
# Arguments go to jest (a test path pattern runs those tests only).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

constructs="$(node -p "require('$root/node_modules/constructs/package.json').version")"
version="${AWS_CDK_LIB_VERSION:-$(npm view aws-cdk-lib version)}"
echo "latest check: aws-cdk-lib $version (constructs $constructs)"
(cd "$work" && echo '{ "name": "latest-aws-cdk-lib", "version": "1.0.0", "private": true }' > package.json \
  && npm install --no-audit --no-fund --loglevel=error "aws-cdk-lib@$version" "constructs@$constructs" > npm-install.log 2>&1) \
  || { cat "$work/npm-install.log"; exit 1; }

node -e '
  const [root, lib] = process.argv.slice(1);
  const config = require(`${root}/jest.config.json`);
  config.rootDir = root;
  config.moduleNameMapper = {
    "^aws-cdk-lib$": `${lib}/aws-cdk-lib`,
    "^aws-cdk-lib/(.*)$": `${lib}/aws-cdk-lib/$1`,
    "^constructs$": `${lib}/constructs`,
  };
  config.collectCoverage = false;
  config.reporters = ["default"];
  config.testPathIgnorePatterns = [...config.testPathIgnorePatterns, "/test/handler/"];
  require("fs").writeFileSync(`${process.argv[3]}/jest.config.json`, JSON.stringify(config));
' "$root" "$work/node_modules" "$work"

cd "$root"
JSII_DEPRECATED=fail npx jest --config "$work/jest.config.json" --ci "$@"
echo "latest check: passed"
