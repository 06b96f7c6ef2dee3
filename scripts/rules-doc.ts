// Writes docs/rules.md from the rule definitions (run by `npx projen rules-doc`, part of post-compile).
import { mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import { renderRuleReference } from '../src/private/engine/rule-reference';

const target = join(__dirname, '..', 'docs', 'rules.md');
mkdirSync(join(__dirname, '..', 'docs'), { recursive: true });
writeFileSync(target, renderRuleReference());
console.log(`wrote ${target}`);
