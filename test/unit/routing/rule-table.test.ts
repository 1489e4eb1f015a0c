import { afterEach, describe, expect, it } from 'vitest';
import { RuleTable } from '../../../engine/routing/rule-table.js';
import { tempStore } from '../store/temp-store.js';

const compiled = { code: '(()=>{})();', hash: 'b'.repeat(64) };

describe('RuleTable', () => {
  let temp: ReturnType<typeof tempStore>;
  afterEach(() => temp.dispose());

  const setup = () => {
    temp = tempStore();
    const { store } = temp;
    for (const name of ['sales', 'support', 'fallback']) {
      store.scenarios.add({ name, fileName: `${name}.ts`, source: name, ...compiled });
    }
    return { store, table: new RuleTable(store) };
  };

  it('answers the first rule in table order that matches, with the scenario current version', () => {
    const { store, table } = setup();
    store.rules.create({ name: 'toll-free', pattern: '1800\\d{7}', scenario: 'support' });
    store.rules.create({ name: 'all', pattern: '.*', scenario: 'fallback' });
    expect(table.match('18005550100')).toMatchObject({ rule: { name: 'toll-free' }, scenario: { name: 'support', version: 1 } });
    expect(table.match('4930123')?.rule.name).toBe('all');
  });

  it('answers undefined when nothing matches', () => {
    const { store, table } = setup();
    store.rules.create({ name: 'only', pattern: '1\\d+', scenario: 'sales' });
    expect(table.match('2000')).toBeUndefined();
    expect(table.match('')).toBeUndefined();
  });

  it('sees creates, updates, reorders and deletes on the next match', () => {
    const { store, table } = setup();
    expect(table.match('100')).toBeUndefined();
    const a = store.rules.create({ name: 'a', pattern: '1.*', scenario: 'sales' });
    expect(table.match('100')?.scenario.name).toBe('sales');
    const b = store.rules.create({ name: 'b', pattern: '100', scenario: 'support' }, 0);
    expect(table.match('100')?.scenario.name).toBe('support');
    store.rules.reorder([a.id, b.id]);
    expect(table.match('100')?.scenario.name).toBe('sales');
    store.rules.update(a.id, { name: 'a', pattern: '2.*', scenario: 'sales' }, 1);
    expect(table.match('100')?.scenario.name).toBe('support');
    store.rules.delete(b.id);
    expect(table.match('100')).toBeUndefined();
  });

  it('serves a newly uploaded scenario version to the next call', () => {
    const { store, table } = setup();
    store.rules.create({ name: 'a', pattern: '.*', scenario: 'sales' });
    expect(table.match('1')?.scenario.version).toBe(1);
    store.scenarios.add({ name: 'sales', fileName: 'sales.ts', source: 'v2', ...compiled });
    expect(table.match('1')?.scenario).toMatchObject({ version: 2, source: 'v2' });
  });

  it('sees changes made through another connection to the same database', () => {
    const { store, table } = setup();
    store.rules.create({ name: 'a', pattern: '.*', scenario: 'sales' });
    expect(table.match('1')?.scenario.name).toBe('sales');
    const other = temp.reopen();
    const [rule] = other.rules.list();
    other.rules.update(rule!.id, { name: 'a', pattern: '.*', scenario: 'support' }, 1);
    expect(table.match('1')?.scenario.name).toBe('support');
  });

  it('recompiles only when the revision moves', () => {
    const { store, table } = setup();
    store.rules.create({ name: 'a', pattern: '.*', scenario: 'sales' });
    const first = table.rules();
    expect(table.rules()[0]).toBe(first[0]);
    store.rules.create({ name: 'b', pattern: '1', scenario: 'sales' });
    expect(table.rules()[0]).not.toBe(first[0]);
  });
});
