import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { ClientValidator } from '../../src';

// The rule table of record lives in the steering folder beside the repository (shared/RULES.md).
const RULES_MD = join(__dirname, '..', '..', '..', 'shared', 'RULES.md');
const describeIfShared = existsSync(RULES_MD) ? describe : describe.skip;

describeIfShared('the engine implements shared/RULES.md exactly', () => {
  const table = new Map<string, string>();
  for (const line of readFileSync(RULES_MD, 'utf8').split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (/^(OAC|COG|A0|FAPI)-\d{3}$/.test(cells[1] ?? '')) {
      table.set(cells[1], cells[3]);
    }
  }

  test('the same rule IDs', () => {
    expect(ClientValidator.rules().map((r) => r.id).sort()).toEqual([...table.keys()].sort());
  });

  test('the same severities', () => {
    for (const rule of ClientValidator.rules()) {
      expect(`${rule.id}: ${rule.severity}`).toBe(`${rule.id}: ${table.get(rule.id)}`);
    }
  });
});
