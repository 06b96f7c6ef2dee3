#!/usr/bin/env bash
# The library's jest suites on the Node.js major version of the provider's Lambda runtime (nodejs24.x), beside the
# build's run on the Node.js of this machine (the minNodeVersion, 20). The provider's bundle runs only on the Lambda
# runtime, and users synthesize with the Node.js they have: a Node.js API that a later major removed or changed (as 22
# removed crypto.createCipher) fails here, not in a deployment. Node.js comes from the npm registry (node-<os>-<arch>,
# the binary of the `node` package), installed in a temporary folder; the suites, their node_modules and
# aws-cdk-lib (the peer-dependency floor) are the build's.
# Arguments go to jest (a test path pattern runs those tests only).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The runtime the provider function is declared with (generated from .projenrc.ts's lambdaOptions).
major="$(sed -nE "s/.*new lambda\.Runtime\('nodejs([0-9]+)\.x'.*/\1/p" "$root/src/private/handler/provider-function.ts")"
if [ -z "$major" ]; then
  echo "node check: no nodejs<major>.x runtime in src/private/handler/provider-function.ts" >&2
  exit 1
fi
package="$(node -p '`node-${process.platform === "win32" ? "win" : process.platform}-${process.arch}`')"
(cd "$work" && echo '{ "name": "lambda-node", "version": "1.0.0", "private": true }' > package.json \
  && npm install --no-audit --no-fund --loglevel=error "$package@$major" > npm-install.log 2>&1) \
  || { cat "$work/npm-install.log"; exit 1; }
bin="$work/node_modules/$package/bin"
version="$("$bin/node" --version)"
if [ "${version%%.*}" != "v$major" ]; then
  echo "node check: $package@$major installed Node.js $version" >&2
  exit 1
fi
echo "node check: Node.js $version (the provider's runtime nodejs$major.x; this machine has $(node --version))"

node -e '
  const [root, out] = process.argv.slice(1);
  const config = require(`${root}/jest.config.json`);
  config.rootDir = root;
  config.collectCoverage = false;
  config.reporters = ["default"];
  require("fs").writeFileSync(`${out}/jest.config.json`, JSON.stringify(config));
' "$root" "$work"

cd "$root"
# jest runs its workers with the Node.js that runs it.
PATH="$bin:$PATH" node node_modules/jest/bin/jest.js --config "$work/jest.config.json" --ci "$@"
echo "node check: passed on Node.js $version"
