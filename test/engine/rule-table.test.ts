import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { ClientValidator } from '../../src';

// The rule table of record lives in the steering folder beside the repository (shared/RULES.md);
// CI has it beside its clone. Elsewhere the comparison is skipped, and says so.
const RULES_MD = join(__dirname, '..', '..', '..', 'shared', 'RULES.md');
const describeIfShared = existsSync(RULES_MD) ? describe : describe.skip;

function ruleTable(): Map<string, string> {
  const table = new Map<string, string>();
  for (const line of readFileSync(RULES_MD, 'utf8').split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (/^(OAC|COG|A0|FAPI)-\d{3}$/.test(cells[1] ?? '')) {
      table.set(cells[1], cells[3]);
    }
  }
  return table;
}

describeIfShared('the engine implements shared/RULES.md exactly', () => {
  test('the same rule IDs', () => {
    expect(ClientValidator.rules().map((r) => r.id).sort()).toEqual([...ruleTable().keys()].sort());
  });

  test('the same severities', () => {
    const table = ruleTable();
    for (const rule of ClientValidator.rules()) {
      expect(`${rule.id}: ${rule.severity}`).toBe(`${rule.id}: ${table.get(rule.id)}`);
    }
  });
});
