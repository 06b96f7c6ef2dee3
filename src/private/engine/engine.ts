import { createContext } from './client-context';
import { Rule } from './rule';
import { AuthorizationServerKind } from '../../authorization-server-kind';
import { ClientDescription } from '../../client-description';
import { Finding } from '../../finding';
import { RuleScope } from '../../rule-info';
import { Severity } from '../../severity';
import { ValidationProfile } from '../../validation-profile';

export interface EngineOptions {
  readonly authorizationServer?: AuthorizationServerKind;
  readonly profile?: ValidationProfile;
}

function applies(rule: Rule, server: AuthorizationServerKind, profile: ValidationProfile): boolean {
  switch (rule.scope) {
    case RuleScope.COGNITO: return server === AuthorizationServerKind.COGNITO;
    case RuleScope.AUTH0: return server === AuthorizationServerKind.AUTH0;
    case RuleScope.FAPI_2_0: return profile === ValidationProfile.FAPI_2_0;
    default: return true;
  }
}

function finding(rule: Rule, problem: string, fix: string, severity: Severity = rule.severity): Finding {
  const detail = `${problem} (${rule.source}). ${fix}`;
  return {
    ruleId: rule.id,
    severity,
    message: `[${rule.id}] ${detail}`,
    detail,
    fix,
    source: rule.source,
    acknowledgeable: rule.acknowledgeable,
  };
}

/**
 * The finding with its fix said in other words (a front door's own terms, such as a template's properties): its
 * detail and message end with the new fix, as `finding` writes them.
 */
export function withFix(f: Finding, fix: string): Finding {
  if (fix === f.fix) return f;
  const detail = `${problemOf(f)} ${fix}`;
  return { ...f, detail, fix, message: `[${f.ruleId}] ${detail}` };
}

/**
 * What the finding says is wrong, with its source, and not how to fix it: its detail up to the fix, as `finding`
 * writes it. For a front door that gives the fix apart (the CDK policy-validation report).
 */
export function problemOf(f: Finding): string {
  return f.detail.slice(0, f.detail.length - f.fix.length).trimEnd();
}

/**
 * Runs each of these rules that applies to the server kind and profile, and returns all findings (not the first).
 * Pure and synchronous. A rule that throws becomes an error finding of that rule instead of crashing the run.
 */
export function runRules(rules: readonly Rule[], description: ClientDescription, options: EngineOptions = {}): Finding[] {
  const server = options.authorizationServer ?? AuthorizationServerKind.GENERIC;
  const profile = options.profile ?? ValidationProfile.DEFAULT;
  const client = createContext(description, { server, profile });
  const findings: Finding[] = [];
  for (const rule of rules) {
    if (!applies(rule, server, profile)) continue;
    try {
      for (const breach of rule.check(client)) {
        findings.push(finding(rule, breach.problem, breach.fix));
      }
    } catch (e) {
      findings.push(finding(rule, `the rule could not be evaluated on this client: ${(e as Error).message}`,
        'Report this as a bug of cdk-oauth-clients, with the client description.', Severity.ERROR));
    }
  }
  return findings;
}
