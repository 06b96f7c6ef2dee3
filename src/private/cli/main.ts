#!/usr/bin/env node
// `cdk-oauth-clients check TEMPLATE...`: the policy checks over templates that no CDK app made.
import { existsSync, readdirSync, statSync } from 'fs';
import { join, resolve } from 'path';
import { keyValue, ParameterArgumentError, parameterFile } from './parameter-file';
import { toSarif } from './sarif';
import { Severity } from '../../severity';
import { ValidationProfile } from '../../validation-profile';
import { unknownRuleIds } from '../engine/rule-reference';
import { packageVersion } from '../package-version';
import { judgeTemplates, withNestedTemplates } from '../policy/nested-templates';
import { declaredParameters, ParameterValueError } from '../policy/parameter-values';
import { checkTemplate, TemplateCheck } from '../policy/template-checker';
import { loadTemplate, MAX_TEMPLATE_BYTES, UnusableTemplateError } from '../policy/template-loader';

const USAGE = `usage: cdk-oauth-clients check [options] TEMPLATE [TEMPLATE...]
       cdk-oauth-clients --version

Judges every OAuth client (AWS::Cognito::UserPoolClient, and clients declared with cdk-oauth-clients) of
CloudFormation templates in JSON or YAML against the rules of docs/rules.md. A directory that cdk synth
wrote (cdk.out) stands for its stacks' templates, those of its stages included.

options:
  --format text|json|sarif   output format (default text); sarif is SARIF 2.1.0 for code scanning
  --severity error|warning|info
                             the lowest severity reported (default error)
  --profile default|fapi_2_0 the profile for clients that do not record one (default default)
  --disable RULE[,RULE...]   rule IDs not to report
  --parameter KEY=VALUE      a parameter value of the deployment (repeatable; a list parameter's items comma-separated)
  --parameters FILE          parameter values from a JSON file, as CloudFormation's tools take them:
                             [{"ParameterKey": "Env", "ParameterValue": "prod"}], ["Env=prod"],
                             or {"Parameters": {"Env": "prod"}}; --parameter wins over the file
                             With parameter values, each template given is judged as deployed with them;
                             parameters given no value are unknown (an update keeps their previous value).

exit status: 0 no violation, 1 violations, 2 unusable input or arguments`;

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

interface Args {
  format: 'text' | 'json' | 'sarif';
  severity: Severity;
  profile: ValidationProfile;
  disabled: string[];
  files: string[];
  /** Parameter values given with --parameter. */
  parameters: Record<string, string>;
  /** The --parameters file. */
  parameterFile?: string;
}

class UsageError extends Error {}

/** Asked for the usage: it goes to stdout, with success. */
class HelpRequest extends Error {}
class VersionRequest extends Error {}

const HELP = ['--help', '-h', 'help'];

function parseArgs(argv: string[]): Args {
  const [command, ...rest] = argv;
  if (HELP.includes(command)) throw new HelpRequest();
  if (command === '--version' || command === 'version') throw new VersionRequest();
  if (command !== 'check') throw new UsageError(command ? `unknown command '${command}'` : 'no command');
  const args: Args = { format: 'text', severity: Severity.ERROR, profile: ValidationProfile.DEFAULT, disabled: [], files: [], parameters: {} };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const value = () => {
      const v = rest[++i];
      if (v === undefined) throw new UsageError(`${arg} needs a value`);
      return v;
    };
    const choose = <T extends string>(v: string, choices: readonly T[]): T => {
      const found = choices.find((c) => c === v);
      if (!found) throw new UsageError(`${arg} must be one of ${choices.join(', ')}, not '${v}'`);
      return found;
    };
    if (arg === '--format') args.format = choose(value(), ['text', 'json', 'sarif'] as const);
    else if (arg === '--severity') args.severity = choose(value(), Object.values(Severity));
    else if (arg === '--profile') args.profile = choose(value(), Object.values(ValidationProfile));
    else if (arg === '--disable') args.disabled.push(...value().split(',').map((s) => s.trim()).filter(Boolean));
    else if (arg === '--parameter') Object.assign(args.parameters, keyValue(value(), arg));
    else if (arg === '--parameters') args.parameterFile = value();
    else if (arg === '--help' || arg === '-h') throw new HelpRequest();
    else if (arg.startsWith('--')) throw new UsageError(`unknown option '${arg}'`);
    else args.files.push(arg);
  }
  if (args.files.length === 0) throw new UsageError('no template given');
  const unknown = unknownRuleIds(args.disabled);
  if (unknown) throw new UsageError(`--disable: ${unknown}`);
  return args;
}

/**
 * The stacks' templates in a directory that `cdk synth` wrote: its `*.template.json` files and those of its stages'
 * assemblies (`assembly-*`), without the nested stacks' (`*.nested.template.json`), which their stacks' bring.
 */
function stackTemplatesIn(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name)).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name.startsWith('assembly-') ? stackTemplatesIn(path) : [];
    return entry.name.endsWith('.template.json') && !entry.name.endsWith('.nested.template.json') ? [path] : [];
  });
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** A template that `cdk synth` wrote (`<Stack>.template.json`), whose nested stacks' templates are beside it. */
function isCdkTemplate(path: string): boolean {
  return path.endsWith('.template.json') && existsSync(path);
}

/** Runs the CLI and returns its exit status. */
export function main(argv: string[], io: CliIo): number {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (e instanceof HelpRequest) {
      io.out(USAGE);
      return 0;
    }
    if (e instanceof VersionRequest) {
      io.out(packageVersion() ?? 'unknown');
      return 0;
    }
    if (e instanceof UsageError || e instanceof ParameterArgumentError) {
      io.err(`cdk-oauth-clients: ${e.message}`);
      io.err(USAGE);
      return 2;
    }
    throw e;
  }

  let parameters: Record<string, string> | undefined;
  try {
    const fromFile = args.parameterFile === undefined ? {} : parameterFile(args.parameterFile);
    const all = { ...fromFile, ...args.parameters };
    parameters = Object.keys(all).length > 0 || args.parameterFile !== undefined ? all : undefined;
  } catch (e) {
    if (!(e instanceof ParameterArgumentError)) throw e;
    io.err(`cdk-oauth-clients: ${e.message}`);
    return 2;
  }

  // By path: a nested template judged again (not created, or with its stack resource's values) keeps its place.
  const judged = new Map<string, { path: string; check?: TemplateCheck; error?: string }>();
  // A directory (cdk.out) stands for its stacks' templates; one with none is unusable input.
  const named = args.files.flatMap((f) => {
    if (!isDirectory(f)) return [f];
    const found = stackTemplatesIn(f);
    if (found.length === 0) judged.set(f, { path: f, error: `${f}: is a directory without CloudFormation templates (*.template.json, as cdk synth writes them)` });
    return found;
  });
  // A template named twice (in cdk.out and by itself, by overlapping globs) is judged once, under its first name.
  const given = new Set<string>();
  const templates = named.filter((f) => {
    const path = resolve(f);
    if (given.has(path)) return false;
    given.add(path);
    return true;
  });
  // A CDK stack's template brings the templates of its nested stacks, as in the policy plugin.
  const nested = withNestedTemplates(templates.filter(isCdkTemplate), MAX_TEMPLATE_BYTES).filter((p) => !given.has(p));
  const files = [...templates, ...nested];
  // Parameter values are the deployment's, for the templates given: a nested stack's come from its parent.
  const declared = new Set<string>();
  judgeTemplates(files, (path, context) => {
    try {
      const template = loadTemplate(path);
      const deployed = parameters !== undefined && given.has(resolve(path)) ? parameters : undefined;
      if (deployed) declaredParameters(template).forEach((name) => declared.add(name));
      // A nested stack's template is judged again with the values its stack resource gives, or as not created.
      const values = context?.parameters ? { ...deployed, ...context.parameters } : deployed;
      const options = { profile: args.profile, disabledRules: args.disabled, minimumSeverity: args.severity, ...context, parameters: values };
      const check = checkTemplate(template, path, options);
      judged.set(path, { path, check });
      return check.nestedStacks;
    } catch (e) {
      if (e instanceof ParameterValueError) judged.set(path, { path, error: `${path}: ${e.message}` });
      else if (e instanceof UnusableTemplateError) judged.set(path, { path, error: e.message });
      else throw e;
      return [];
    }
  }, MAX_TEMPLATE_BYTES);
  const results = [...judged.values()];
  const unknown = Object.keys(parameters ?? {}).filter((name) => !declared.has(name));
  if (unknown.length > 0 && results.some((r) => r.check)) {
    io.err(`cdk-oauth-clients: no template given declares parameter(s) ${unknown.join(', ')}: check the names`);
    return 2;
  }

  const violations = results.reduce((n, r) => n + (r.check?.findings.length ?? 0), 0);
  const unusable = results.filter((r) => r.error !== undefined);
  if (args.format === 'sarif') {
    io.out(JSON.stringify(toSarif(results, packageVersion()), null, 2));
  } else if (args.format === 'json') {
    io.out(JSON.stringify({
      violations,
      templates: results.map((r) => (r.error !== undefined
        ? { path: r.path, error: r.error }
        // Each finding as the text output says it: its message with the fix, and the fix apart.
        : { path: r.path, clients: r.check!.clients, findings: r.check!.findings.map(({ problem, ...f }) => f), skipped: r.check!.skipped })),
    }, null, 2));
  } else {
    for (const r of results) {
      if (r.error !== undefined) {
        io.err(`cdk-oauth-clients: ${r.error}`);
        continue;
      }
      io.out(`${r.path}: ${r.check!.clients} OAuth client(s) checked`);
      for (const f of r.check!.findings) io.out(`  ${f.severity.padEnd(7)} ${f.message}`);
      for (const s of r.check!.skipped) io.out(`  skipped '${s.logicalId}': ${s.reason}`);
    }
    io.out(`${violations} violation(s) in ${results.length - unusable.length} template(s)${unusable.length ? `, ${unusable.length} unusable` : ''}`);
  }
  if (unusable.length > 0) return 2;
  return violations > 0 ? 1 : 0;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2), {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  });
}
