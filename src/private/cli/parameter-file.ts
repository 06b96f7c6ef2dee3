// The parameter values of a deployment, as the CLI takes them: `--parameter KEY=VALUE` and `--parameters FILE`.
import { readFileSync } from 'fs';
import { jsonObject } from '../engine/wire';
import { withoutByteOrderMark } from '../policy/template-loader';

/** A parameter argument or file that cannot be used; the message says which and why. */
export class ParameterArgumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ParameterArgumentError';
  }
}

/** `KEY=VALUE` as [KEY, VALUE]; the value may contain `=`. */
export function keyValue(text: string, where: string): Record<string, string> {
  const at = text.indexOf('=');
  if (at <= 0) {
    // A bare parameter name (CloudFormation's are alphanumeric) is shown; anything else may be a value, and is not.
    const shown = /^[A-Za-z0-9]+$/.test(text) ? `, not '${text}'` : ' (an argument without a name before \'=\' is not shown, as it may be a value)';
    throw new ParameterArgumentError(`${where} must be KEY=VALUE${shown}`);
  }
  return { [text.slice(0, at)]: text.slice(at + 1) };
}

/** A parameter value as the file gives it: a string, or a number or boolean as its text. */
function fileValue(value: unknown, key: string, file: string): string {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new ParameterArgumentError(`--parameters ${file}: the value of ${key} is not a string`);
}

/** The parameter values of a --parameters file in any of the formats CloudFormation's tools take. */
export function parameterFile(file: string): Record<string, string> {
  let text: string;
  try {
    text = withoutByteOrderMark(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ParameterArgumentError(`--parameters ${file}: cannot be read as JSON (${(e as NodeJS.ErrnoException).code ?? (e as Error).name})`);
  }
  let content: unknown;
  try {
    content = JSON.parse(text);
  } catch (e) {
    // JSON.parse's message can quote the text around the error, which may be a NoEcho value: only its position is told.
    const at = /at position (\d+)/.exec((e as Error).message);
    const before = at ? text.slice(0, Number(at[1])).split('\n') : undefined;
    const where = before ? `: the error is at line ${before.length}, column ${before[before.length - 1].length + 1}` : '';
    throw new ParameterArgumentError(`--parameters ${file}: is not valid JSON${where} (the parser's message is not shown, as it can quote a value)`);
  }
  const values: Record<string, string> = {};
  const parameters = jsonObject(jsonObject(content)?.Parameters);
  if (parameters) {
    for (const [key, value] of Object.entries(parameters)) values[key] = fileValue(value, key, file);
    return values;
  }
  if (!Array.isArray(content)) {
    throw new ParameterArgumentError(`--parameters ${file}: is neither [{"ParameterKey", "ParameterValue"}], ["KEY=VALUE"] nor {"Parameters": {...}}`);
  }
  for (const entry of content) {
    if (typeof entry === 'string') {
      Object.assign(values, keyValue(entry, `--parameters ${file}: each entry`));
      continue;
    }
    const { ParameterKey: key, ParameterValue: value, UsePreviousValue: previous } = (entry ?? {}) as Record<string, unknown>;
    if (typeof key !== 'string') throw new ParameterArgumentError(`--parameters ${file}: an entry has no ParameterKey`);
    // The stack's previous value is known only to the stack: the parameter stays unknown, as one given no value.
    if (previous === true || previous === 'true') continue;
    values[key] = fileValue(value, key, file);
  }
  return values;
}
