#!/usr/bin/env bash
# The consumer check: what users install from npm works in their own app.
# Packs nothing itself: it installs the tarball `npx projen build` left in dist/js into fresh `cdk init app`
# projects (aws-cdk-lib at the peer-dependency floor and at the latest version), replaces the app's entry point
# with the README's quick start, runs `cdk synth`, and runs a jest test. The floor app builds with TypeScript 5 and
# ts-jest, as apps of an earlier `cdk init` do; the latest app keeps the toolchain `cdk init` gives today. Both run
# with JSII_DEPRECATED=fail, so that the library calls no API that either aws-cdk-lib version deprecates. The latest
# app also loads the runtime signer as the README's service code imports it, from an ES module and from CommonJS.
# Last, jsii compiles a construct library on top of this one (constructs shared via npm), against the tarball's .jsii.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
tarball="$(ls "$root"/dist/js/cdk-oauth-clients@*.tgz 2>/dev/null | head -n 1 || true)"
if [ -z "$tarball" ]; then
  echo "consumer check: no tarball in dist/js; run 'npx projen build' first" >&2
  exit 1
fi
floor="$(node -p "require('$root/package.json').peerDependencies['aws-cdk-lib'].replace(/^[^0-9]*/, '')")"
cli="$(node -p "require('$root/node_modules/aws-cdk/package.json').version")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The quick start, exactly as the README shows it.
node -e '
  const readme = require("fs").readFileSync(process.argv[1], "utf8");
  const m = readme.match(/<!-- quick-start -->\s*```ts\n([\s\S]*?)```/);
  if (!m) { console.error("consumer check: no quick-start block in README.md"); process.exit(1); }
  require("fs").writeFileSync(process.argv[2], m[1]);
' "$root/README.md" "$work/quick-start.ts"

echo "consumer check: $(basename "$tarball") ($(wc -c < "$tarball") bytes)"
# The tarball carries the bundled handler and nothing test-only.
contents="$(tar tzf "$tarball")"
grep -qx 'package/assets/private/handler/provider.lambda/index.js' <<< "$contents" \
  || { echo "consumer check: the tarball has no bundled provider handler" >&2; exit 1; }
# Handler sources run only as that bundle: of lib/private/handler only the function construct ships.
if grep -E '^package/lib/private/handler/' <<< "$contents" | grep -vE -- '-function\.(js|d\.ts)$'; then
  echo "consumer check: the tarball carries handler sources that only the bundle needs (above)" >&2
  exit 1
fi
grep -qx 'package/lib/runtime/kms-client-assertion-signer.js' <<< "$contents" \
  || { echo "consumer check: the tarball has no runtime signer (README: How my service gets a token)" >&2; exit 1; }
if grep -E '^package/(test|src|bench|examples|scripts|coverage|\.ci)/|\.test\.(js|ts)$' <<< "$contents"; then
  echo "consumer check: the tarball carries test-only or source files (above)" >&2
  exit 1
fi
for variant in floor latest; do
  version="$floor"
  [ "$variant" = latest ] && version="$(npm view aws-cdk-lib version)"
  app="$work/$variant"
  mkdir -p "$app"
  cd "$app"
  "$root/node_modules/.bin/cdk" init app --language typescript --generate-only > /dev/null 2>&1
  cp "$work/quick-start.ts" "bin/$variant.ts"
  rm -f "test/$variant.test.ts"
  cp "$root/test/consumer/fixture/consumer.test.ts" "test/consumer.test.ts"
  if [ "$variant" = floor ]; then
    # An app of an earlier `cdk init`: TypeScript 5 and ts-jest.
    cat > jest.config.js <<'JEST'
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.tsx?$': 'ts-jest' },
};
JEST
  fi
  # The latest variant keeps the toolchain `cdk init` gives today (its TypeScript, @swc/jest, its jest config), and
  # @aws-sdk/client-kms, which a service that signs client assertions installs (below).
  node -e '
    const [variant, version, tarball, cli] = process.argv.slice(1);
    const p = require("./package.json");
    p.dependencies = { "aws-cdk-lib": version, "constructs": "^10.5.1", "cdk-oauth-clients": "file:" + tarball };
    if (variant === "floor") {
      p.devDependencies = { "aws-cdk": cli, "typescript": "~5.9.3", "tsx": "^4", "jest": "^30", "ts-jest": "^29", "@types/jest": "^30", "@types/node": "^20" };
    } else {
      p.dependencies["@aws-sdk/client-kms"] = "^3";
    }
    require("fs").writeFileSync("package.json", JSON.stringify(p, null, 2));
  ' "$variant" "$version" "$tarball" "$cli"
  echo "consumer check [$variant]: aws-cdk-lib $version"
  npm install --no-audit --no-fund --loglevel=error > npm-install.log 2>&1 || { cat npm-install.log; exit 1; }
  # JSII_DEPRECATED=fail: a call of an API that this aws-cdk-lib deprecates fails (it would print a warning to users).
  JSII_DEPRECATED=fail npx cdk synth --quiet > /dev/null 2> synth.err || { cat synth.err; exit 1; }
  # A user who copies the quick start sees no warning (read from the assembly, as the CLI's wording changes).
  node -e '
    const { CloudAssembly } = require("aws-cdk-lib/cx-api");
    const warnings = new CloudAssembly("cdk.out").stacks.flatMap((s) => s.messages).filter((m) => m.level === "warning");
    if (warnings.length > 0) {
      console.error(`consumer check: the README quick start warns:\n${warnings.map((m) => `${m.id}: ${m.entry.data}`).join("\n")}`);
      process.exit(1);
    }
  '
  resources="$(node -p "Object.keys(require('./cdk.out/OAuthClients.template.json').Resources).length")"
  echo "consumer check [$variant]: cdk synth of the README quick start: $resources resources"
  # The CLI from the tarball (with its bundled YAML parser) judges the synthesized template.
  npx cdk-oauth-clients check cdk.out/OAuthClients.template.json
  JSII_DEPRECATED=fail npx jest --ci > jest.log 2>&1 || { cat jest.log; exit 1; }
  tail -n 6 jest.log
  echo "consumer check [$variant]: TypeScript $(npx tsc --version | sed 's/^Version //')"
  if [ "$variant" = latest ]; then
    # The README's service code loads the runtime signer by the path it shows: as an ES module (a service that awaits
    # at its top level, an .mjs Lambda handler), which finds a package's file only by its full name, and as CommonJS.
    specifier="$(node -e '
      const readme = require("fs").readFileSync(process.argv[1], "utf8");
      const block = readme.slice(readme.indexOf("### How my service gets a token (private_key_jwt)")).match(/```ts\n([\s\S]*?)```/)[1];
      const m = block.match(/^import \{ KmsClientAssertionSigner \} from '"'"'([^'"'"']+)'"'"';$/m);
      if (!m) { console.error("consumer check: the README service example does not import KmsClientAssertionSigner"); process.exit(1); }
      console.log(m[1]);
    ' "$root/README.md")"
    options="{ keyId: 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab', clientId: 'billing', audience: 'https://login.example.com' }"
    echo "import { KmsClientAssertionSigner } from '$specifier'; new KmsClientAssertionSigner($options);" > service.mjs
    echo "const { KmsClientAssertionSigner } = require('$specifier'); new KmsClientAssertionSigner($options);" > service.cjs
    for service in service.mjs service.cjs; do
      node "$service" 2> service.err || { cat service.err; echo "consumer check: $service cannot load '$specifier' as the README shows" >&2; exit 1; }
    done
    echo "consumer check [$variant]: the runtime signer loads as '$specifier' from an ES module and from CommonJS"
  fi
done

# A platform team's construct library on top of this one, shared via npm as users share constructs: jsii compiles it
# against the tarball's assembly (.jsii), with warnings as errors, and its assembly names this library's types.
downstream="$work/downstream"
mkdir -p "$downstream/src"
cd "$downstream"
cp "$root/test/consumer/fixture/downstream.ts" src/index.ts
echo "# platform-auth" > README.md
node -e '
  const [floor, tarball, jsii, typescript] = process.argv.slice(1);
  const peers = { "aws-cdk-lib": `^${floor}`, "constructs": "^10.5.1", "cdk-oauth-clients": "*" };
  require("fs").writeFileSync("package.json", JSON.stringify({
    name: "platform-auth", version: "0.1.0", description: "A platform team\x27s OAuth clients", license: "Apache-2.0",
    author: { name: "Platform team", email: "platform@example.com", organization: false },
    repository: { type: "git", url: "https://example.com/platform-auth.git" },
    main: "lib/index.js", types: "lib/index.d.ts",
    jsii: { outdir: "dist", targets: {}, tsc: { outDir: "lib", rootDir: "src" } },
    peerDependencies: peers,
    devDependencies: { "aws-cdk-lib": floor, "constructs": "10.5.1", "cdk-oauth-clients": `file:${tarball}`, jsii, typescript },
  }, null, 2));
' "$floor" "$tarball" "$(node -p "require('$root/node_modules/jsii/package.json').version")" \
  "$(node -p "require('$root/node_modules/typescript/package.json').version")"
npm install --no-audit --no-fund --loglevel=error > npm-install.log 2>&1 || { cat npm-install.log; exit 1; }
npx jsii --fail-on-warnings > jsii.log 2>&1 || { cat jsii.log; echo "consumer check: jsii cannot compile a library on top of this one" >&2; exit 1; }
node -e '
  const assembly = JSON.parse(require("fs").readFileSync(".jsii", "utf8"));
  const refs = JSON.stringify(assembly.types["platform-auth.TeamClients"]) + JSON.stringify(assembly.types["platform-auth.TeamClientsProps"]);
  const named = ["cdk-oauth-clients.IOAuthClient", "cdk-oauth-clients.PublicClient", "cdk-oauth-clients.ApplicationType"].filter((fqn) => refs.includes(fqn));
  if (!assembly.dependencies["cdk-oauth-clients"] || named.length !== 3) {
    console.error("consumer check: the downstream assembly does not name this library and its types", named);
    process.exit(1);
  }
'
echo "consumer check [downstream]: jsii compiled a construct library whose public API has this library's types"
echo "consumer check: passed"
