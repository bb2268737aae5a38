// The parse-time checks of `custom-role` values (src/commands/custom-role/privileges.ts) and
// the table's rendering of them back (views.ts): what is parsed is what the table shows.
import { describe, expect, it } from 'vitest';
import { checkRoleName, parseInherit, parsePrivilege, parsePrivileges, privilegeActions } from '../../src/commands/custom-role/privileges.js';
import { formatInherited, formatPrivileges } from '../../src/commands/custom-role/views.js';
import { UsageError } from '../../src/errors.js';

const usage = (f: () => unknown): UsageError => {
  try {
    f();
  } catch (e) {
    if (e instanceof UsageError) return e;
    throw e;
  }
  throw new Error('no UsageError');
};

describe('privileges', () => {
  it("the actions are the spec's enum of DatabasePrivilegeAction.action", () => {
    expect(privilegeActions()).toEqual(expect.arrayContaining(['FIND', 'INSERT', 'LIST_SESSIONS', 'CREATE_SEARCH_INDEX']));
    expect(privilegeActions().length).toBeGreaterThan(60);
  });

  it('ACTION@db, ACTION@db.coll (the collection is everything after the first dot), ACTION alone (the cluster)', () => {
    expect(parsePrivilege('find@sales')).toEqual([{ action: 'FIND', resources: [{ cluster: false, collection: '', db: 'sales' }] }]);
    expect(parsePrivilege('FIND,list-collections@sales.orders.2024')).toEqual([
      { action: 'FIND', resources: [{ cluster: false, collection: 'orders.2024', db: 'sales' }] },
      { action: 'LIST_COLLECTIONS', resources: [{ cluster: false, collection: 'orders.2024', db: 'sales' }] },
    ]);
    expect(parsePrivilege('LIST_SESSIONS')).toEqual([{ action: 'LIST_SESSIONS', resources: [{ cluster: true, collection: '', db: '' }] }]);
  });

  it('merges one entry per action, each resource once, in the order given; the table shows them back in the same syntax', () => {
    const merged = parsePrivileges(['FIND@a', 'FIND,INSERT@b', 'FIND@a', 'LIST_SESSIONS']);
    expect(merged.map((a) => [a.action, a.resources.map((r) => r.db || 'cluster')])).toEqual([
      ['FIND', ['a', 'b']],
      ['INSERT', ['b']],
      ['LIST_SESSIONS', ['cluster']],
    ]);
    expect(formatPrivileges(merged)).toBe('FIND@a FIND,INSERT@b LIST_SESSIONS');
  });

  it.each([
    ['FINDD@a', /unknown action FINDD/, 'did you mean FIND?'],
    [',FIND@a', /an empty action/, 'use ACTION[,ACTION]@db[.collection], e.g. FIND,INSERT@sales.orders'],
    ['FIND@', /is not a database name/, 'use ACTION[,ACTION]@db[.collection], e.g. FIND@sales.orders'],
    ['FIND@a$b', /is not a database name/, 'use ACTION[,ACTION]@db[.collection], e.g. FIND@sales.orders'],
    ['FIND@a.', /empty collection name/, undefined],
  ])('%s is refused', (text, message, hint) => {
    const e = usage(() => parsePrivilege(text));
    expect(e.message).toMatch(message);
    expect(e.hint).toBe(hint);
  });
});

describe('inherited roles and names', () => {
  it('role@db; built-in names are case-checked; other names must be valid custom role names', () => {
    expect(parseInherit('read@sales')).toEqual({ db: 'sales', role: 'read' });
    expect(parseInherit('salesAuditor@admin')).toEqual({ db: 'admin', role: 'salesAuditor' });
    expect(formatInherited([{ db: 'sales', role: 'read' }])).toBe('read@sales');
    expect(usage(() => parseInherit('ReadWrite@x')).hint).toBe('did you mean readWrite?');
    expect(usage(() => parseInherit('read')).message).toMatch(/invalid --inherit/);
    expect(usage(() => parseInherit('bad role@x')).message).toMatch(/invalid custom role name/);
  });

  it("a new role name: Atlas's characters, not a built-in name, not xgen-", () => {
    expect(checkRoleName('app_reader-1', true)).toBe('app_reader-1');
    expect(usage(() => checkRoleName('_x', true)).message).toMatch(/invalid custom role name/);
    expect(usage(() => checkRoleName('read', true)).message).toMatch(/built-in role/);
    expect(usage(() => checkRoleName('xgen-x', true)).message).toMatch(/reserved/);
    // an existing role may be named as read (get/delete): only the characters are checked
    expect(checkRoleName('read')).toBe('read');
  });
});
