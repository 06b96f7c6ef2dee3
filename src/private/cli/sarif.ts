import { readFileSync } from 'fs';
import { isAbsolute, relative, sep } from 'path';
import { pathToFileURL } from 'url';
import { ClientValidator } from '../../client-validator';
import { Severity } from '../../severity';
import { RULES_DOC, ruleDocUrl } from '../engine/rule-reference';
import { TemplateCheck } from '../policy/template-checker';

const LEVEL: Record<string, 'error' | 'warning' | 'note'> = {
  [Severity.ERROR]: 'error',
  [Severity.WARNING]: 'warning',
  [Severity.INFO]: 'note',
};

export interface CheckedTemplate {
  readonly path: string;
  readonly check?: TemplateCheck;
  readonly error?: string;
}

/**
 * A template's location as SARIF wants it: relative to the working directory (the repository) when inside it, as a
 * URI reference (each segment percent-encoded: a space is not allowed in one, and a # would start a fragment).
 */
function artifactUri(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  const outside = rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel);
  return outside ? pathToFileURL(path).href : rel.split(sep).map(encodeURIComponent).join('/');
}

/**
 * The line on which a resource's logical ID is declared (the first key of that name after `Resources`), in JSON or
 * YAML; undefined if the text does not show it.
 */
function declarationLine(text: string | undefined, logicalId: string): number | undefined {
  if (text === undefined) return undefined;
  const key = (name: string) => new RegExp(`^\\s*(?:"${name}"|'${name}'|${name})\\s*:`);
  const lines = text.split(/\r?\n/);
  const resources = lines.findIndex((line) => key('Resources').test(line));
  const declaration = key(logicalId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const index = lines.findIndex((line, i) => i > resources && declaration.test(line));
  return index < 0 ? undefined : index + 1;
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * The results as a SARIF 2.1.0 log (OASIS), which code-scanning services read: one run, the rules of the rule
 * reference, a result per finding at the line that declares its resource, and each unusable template as a
 * failed execution's notification.
 */
export function toSarif(results: readonly CheckedTemplate[], version: string | undefined, cwd = process.cwd()): object {
  const rules = ClientValidator.rules();
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const texts = new Map<string, string | undefined>();
  const text = (path: string) => {
    if (!texts.has(path)) texts.set(path, readText(path));
    return texts.get(path);
  };
  const unusable = results.filter((r) => r.error !== undefined);
  /** Where in a template: the file, and the line that declares a resource when the text shows it. */
  const at = (path: string, declared?: string) => {
    const line = declared === undefined ? undefined : declarationLine(text(path), declared);
    return { artifactLocation: { uri: artifactUri(path, cwd) }, ...(line ? { region: { startLine: line } } : {}) };
  };
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'cdk-oauth-clients',
          ...(version ? { version } : {}),
          informationUri: RULES_DOC,
          rules: rules.map((r) => ({
            id: r.id,
            shortDescription: { text: r.condition },
            fullDescription: { text: `${r.condition} (${r.source})` },
            helpUri: ruleDocUrl(r.id),
            defaultConfiguration: { level: LEVEL[r.severity] },
            properties: { tags: ['security', 'oauth'], scope: r.scope },
          })),
        },
      },
      invocations: [{
        executionSuccessful: unusable.length === 0,
        toolExecutionNotifications: [
          ...unusable.map((r) => ({
            level: 'error',
            message: { text: r.error! },
            locations: [{ physicalLocation: at(r.path) }],
          })),
          // A resource that may be an OAuth client but could not be judged: code scanning should show it.
          ...results.flatMap((r) => (r.check?.skipped ?? []).filter((s) => !s.notAClient).map((s) => ({
            level: 'warning',
            message: { text: `'${s.logicalId}' was not judged: ${s.reason}` },
            locations: [{ physicalLocation: at(r.path, s.logicalId) }],
          }))),
        ],
      }],
      results: results.flatMap((r) => (r.check?.findings ?? []).map((f) => ({
        ruleId: f.ruleId,
        ...(index.has(f.ruleId) ? { ruleIndex: index.get(f.ruleId) } : {}),
        level: LEVEL[f.severity],
        message: { text: f.message },
        locations: [{
          physicalLocation: at(r.path, f.declaredBy ?? f.logicalId),
          logicalLocations: [{ name: f.logicalId, kind: 'resource', fullyQualifiedName: `${f.resourceType}/${f.logicalId}` }],
        }],
      }))),
    }],
  };
}
