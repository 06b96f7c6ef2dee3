/**
 * The parameter values of a CDK app's deployment, keyed as `cdk deploy --parameters` takes them (the AWS CDK CLI's
 * buildParameterMap): `Name` for every stack, `Stack:Name` for the stack of that CloudFormation name only, which
 * wins over `Name`. The policy plugin judges each stack's template as deployed with its values.
 */
import { dirname, resolve } from 'path';
import { readJson } from './nested-templates';
import { declaredParameters } from './parameter-values';
import { jsonObject } from '../engine/wire';

/** Parameter values that cannot be those of a deployment of the app: the message says which and how to fix them. */
export class DeploymentParameterError extends Error {
  constructor(message: string) {
    super(`OAuthClientPolicy parameters: ${message}`);
    this.name = 'DeploymentParameterError';
  }
}

/** A stack's template and what it declares, for checking that every value given is one a stack takes. */
export interface StackTemplate {
  /** The stack's CloudFormation name; undefined when the assembly's manifest does not say. */
  readonly stackName?: string;
  /** The names of the parameters its template declares. */
  readonly declared: ReadonlySet<string>;
}

export class DeploymentParameters {
  /** Reads the values keyed `Name` or `Stack:Name`; throws DeploymentParameterError for anything else. */
  public static parse(given: Readonly<Record<string, unknown>>): DeploymentParameters {
    // Maps, not objects: a key is data, whatever its name (`__proto__` included).
    const every = new Map<string, string>();
    const byStack = new Map<string, Map<string, string>>();
    for (const [key, value] of Object.entries(given)) {
      if (typeof value !== 'string') {
        throw new DeploymentParameterError(`the value of '${key}' is ${value === null ? 'null' : typeof value}: give a string, as cdk deploy --parameters does`);
      }
      const parts = key.split(':');
      if (parts.length > 2 || parts.some((p) => p.trim() === '' || p.trim() !== p)) {
        throw new DeploymentParameterError(`'${key}' is not a parameter key: use 'Name' for every stack that declares it, or 'Stack:Name' for one stack`);
      }
      if (parts.length === 1) {
        every.set(key, value);
      } else {
        const [stack, name] = parts;
        if (!byStack.has(stack)) byStack.set(stack, new Map());
        byStack.get(stack)!.set(name, value);
      }
    }
    return new DeploymentParameters(every, byStack);
  }

  private constructor(private readonly every: Map<string, string>, private readonly byStack: Map<string, Map<string, string>>) {}

  /** The values for the stacks of one cloud assembly (one policy check), whose templates these are. */
  public forAssembly(stackTemplatePaths: readonly string[]): AssemblyParameters {
    return new AssemblyParameters(this, stackTemplatePaths);
  }

  /** The values the stack of that name is deployed with: those for every stack, then its own. */
  public forStack(stackName: string | undefined): Record<string, string> {
    const own = stackName === undefined ? undefined : this.byStack.get(stackName);
    return Object.fromEntries([...this.every, ...(own ?? [])]);
  }

  /**
   * Throws DeploymentParameterError for a value no stack takes: a stack the assembly does not have, a name its
   * template does not declare (CloudFormation would refuse it), or a name for every stack that no template declares.
   */
  public checkTaken(stacks: readonly StackTemplate[]): void {
    const problems: string[] = [];
    const names = [...new Set(stacks.map((s) => s.stackName).filter((n): n is string => n !== undefined))].sort();
    for (const [stackName, values] of this.byStack) {
      const stack = stacks.find((s) => s.stackName === stackName);
      if (!stack) {
        problems.push(`no stack of the assembly is named '${stackName}' (stacks: ${names.join(', ') || 'none'}); a key's stack is its CloudFormation name`);
        continue;
      }
      const unknown = [...values.keys()].filter((name) => !stack.declared.has(name));
      if (unknown.length > 0) {
        const declared = [...stack.declared].sort().join(', ') || 'none';
        problems.push(`stack '${stackName}' declares no parameter ${unknown.join(', ')} (it declares: ${declared}), so CloudFormation would refuse it`);
      }
    }
    const unknown = [...this.every.keys()].filter((name) => !stacks.some((s) => s.declared.has(name)));
    if (unknown.length > 0) problems.push(`no stack's template declares parameter(s) ${unknown.join(', ')}: check the names`);
    if (problems.length > 0) throw new DeploymentParameterError(problems.join('; '));
  }
}

/**
 * The parameter values of one cloud assembly's stacks: each stack's template gets its values (a nested stack's none:
 * its parent gives them), and what each declares is noted on the way, to check at the end that every value given
 * is one a stack takes.
 */
export class AssemblyParameters {
  private readonly names: Map<string, string>;
  private readonly stackPaths: Set<string>;
  private readonly stacks: StackTemplate[] = [];

  constructor(private readonly parameters: DeploymentParameters, stackTemplatePaths: readonly string[]) {
    this.names = stackNames(stackTemplatePaths);
    this.stackPaths = new Set(stackTemplatePaths.map((p) => resolve(p)));
  }

  /** The stack whose template this is, with the values it is deployed with; undefined for a nested stack's. */
  public stackOf(templatePath: string, template: unknown): { stackName?: string; values: Record<string, string> } | undefined {
    if (!this.stackPaths.has(templatePath)) return undefined;
    const stackName = this.names.get(templatePath);
    this.stacks.push({ stackName, declared: new Set(declaredParameters(template)) });
    return { stackName, values: this.parameters.forStack(stackName) };
  }

  /** Throws DeploymentParameterError for a value no stack of those seen takes. */
  public checkTaken(): void {
    this.parameters.checkTaken(this.stacks);
  }
}

/**
 * The CloudFormation names of the stacks whose templates these are, from the cloud assembly's manifest beside each
 * (a stage's stacks are in the stage's own assembly directory). A template the manifest does not list has none.
 */
function stackNames(templatePaths: readonly string[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const dir of new Set(templatePaths.map((p) => dirname(resolve(p))))) {
    const artifacts = jsonObject(readJson(resolve(dir, 'manifest.json'))?.artifacts) ?? {};
    for (const [artifactId, artifact] of Object.entries(artifacts)) {
      const a = jsonObject(artifact);
      const properties = jsonObject(a?.properties);
      if (a?.type !== 'aws:cloudformation:stack' || typeof properties?.templateFile !== 'string') continue;
      // As the cloud assembly API reads it: the stack's name, or else its artifact ID.
      const stackName = typeof properties.stackName === 'string' ? properties.stackName : artifactId;
      names.set(resolve(dir, properties.templateFile), stackName);
    }
  }
  return names;
}
