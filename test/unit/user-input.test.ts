import { describe, expect, it } from 'vitest';
import { checkCustomRoles, guessAuthDb, parseAuthDb, parseAuthMethod, parseRole, parseScope } from '../../src/commands/user/input.js';
import { generatePassword, planCreate, planUpdate } from '../../src/commands/user/run.js';
import { usage } from '../helpers/expect.js';

const NOW = Date.parse('2026-03-01T12:00:00Z');

describe('roles', () => {
  it('role@db[.collection]: the collection is everything after the first dot', () => {
    expect(parseRole('read@sales.orders.2024').role).toEqual({ roleName: 'read', databaseName: 'sales', collectionName: 'orders.2024' });
    expect(parseRole('readWrite@sales').role).toEqual({ roleName: 'readWrite', databaseName: 'sales' });
    expect(parseRole('atlasAdmin').role).toEqual({ roleName: 'atlasAdmin', databaseName: 'admin' });
  });

  it('any-database roles only on admin; built-in names are case-sensitive', () => {
    expect(usage(() => parseRole('readAnyDatabase@sales')).message).toMatch(/exists on the admin database only/);
    const e = usage(() => parseRole('readwrite@sales'));
    expect(e.message).toMatch(/case-sensitive/);
    expect(e.hint).toBe('did you mean readWrite?');
    expect(usage(() => parseRole('dbAdmin@sales.orders')).message).toMatch(/cannot be limited to a collection/);
    expect(usage(() => parseRole('read')).message).toMatch(/name the database/);
    expect(usage(() => parseRole('read@')).message).toMatch(/not a database name/);
    expect(usage(() => parseRole('read@sales.')).message).toMatch(/empty collection/);
  });

  it('other names are marked custom: they must be custom roles of the project', () => {
    expect(parseRole('salesAuditor@sales')).toEqual({ role: { roleName: 'salesAuditor', databaseName: 'sales' }, custom: true });
    // a custom role's name alone is granted on admin, where Atlas takes it
    expect(parseRole('salesAuditor')).toEqual({ role: { roleName: 'salesAuditor', databaseName: 'admin' }, custom: true });
    expect(usage(() => parseRole('readWrite')).message).toBe('invalid --role "readWrite": name the database, e.g. readWrite@sales');
    expect(parseRole('readWrite@sales')).toEqual({ role: { roleName: 'readWrite', databaseName: 'sales' } });
    expect(usage(() => parseRole('bad role@sales')).message).toMatch(/neither a built-in role nor a valid custom role name/);
  });

  it('a name neither built in nor among the custom roles is refused with the closest names', () => {
    const given = (text: string, flag = '--role') => [{ flag, text, parsed: parseRole(text) }];
    const custom = ['salesAuditor', 'ordersAppender'];
    checkCustomRoles(given('salesAuditor'), custom, 'P');
    checkCustomRoles(given('salesAuditor@admin'), custom, 'P');
    checkCustomRoles(given('readWrite@sales'), [], 'P');
    // a custom role is granted on admin only (Atlas: 400 UNSUPPORTED_ROLE, terraform-provider-mongodbatlas#728)
    const elsewhere = usage(() => checkCustomRoles(given('salesAuditor@sales'), custom, 'P'));
    expect(elsewhere.message).toBe(
      'invalid --role "salesAuditor@sales": salesAuditor is a custom role, granted on the admin database only (its privileges name the databases it reaches)',
    );
    expect(elsewhere.hint).toBe('use --role salesAuditor');
    expect(usage(() => checkCustomRoles(given('salesAuditor@admin.orders'), custom, 'P')).hint).toBe('use --role salesAuditor');
    const typo = usage(() => checkCustomRoles(given('redWrite@sales'), custom, 'P'));
    expect(typo.message).toBe('invalid --role "redWrite@sales": redWrite is neither a built-in role nor a custom role of project P');
    expect(typo.hint).toBe('did you mean readWrite?');
    expect(usage(() => checkCustomRoles(given('salesAudit@sales', '--add-role'), custom, 'P')).message).toMatch(/^invalid --add-role "salesAudit@sales"/);
    expect(usage(() => checkCustomRoles(given('salesAudit@sales'), custom, 'P')).hint).toBe('did you mean salesAuditor?');
    expect(usage(() => checkCustomRoles(given('zzzzzzzz@sales'), [], 'P')).hint).toMatch(/^built-in roles: read, .*; the project has no custom roles$/);
  });
});

describe('scopes, auth methods, auth databases', () => {
  it('--scope cluster:NAME', () => {
    expect(parseScope('cluster:Cluster0')).toEqual({ name: 'Cluster0', type: 'CLUSTER' });
    expect(parseScope('data-lake:lake1')).toEqual({ name: 'lake1', type: 'DATA_LAKE' });
    expect(usage(() => parseScope('Cluster0')).message).toMatch(/invalid --scope/);
    expect(usage(() => parseScope('cluster:bad_name')).message).toBe('invalid --scope cluster "bad_name"');
    expect(usage(() => parseScope('cluster:bad-')).message).toMatch(/Atlas builds host names from it/);
  });

  it('one method; AWS IAM, x.509, LDAP and OIDC workload users on $external', () => {
    expect(parseAuthMethod({})).toMatchObject({ databaseName: 'admin', password: true, fields: {} });
    expect(parseAuthMethod({ awsIam: 'role' })).toMatchObject({ databaseName: '$external', fields: { awsIAMType: 'ROLE' } });
    expect(parseAuthMethod({ x509: 'MANAGED' })).toMatchObject({ databaseName: '$external', fields: { x509Type: 'MANAGED' } });
    expect(parseAuthMethod({ oidc: 'IDP_GROUP' })).toMatchObject({ databaseName: 'admin', password: false });
    expect(parseAuthMethod({ oidc: 'USER' }).databaseName).toBe('$external');
    // an LDAP group on admin (Atlas refuses $external with DATABASE_NAME_INVALID_ADMIN), an LDAP user on $external
    expect(parseAuthMethod({ ldap: 'GROUP' })).toMatchObject({ databaseName: 'admin', password: false, fields: { ldapAuthType: 'GROUP' } });
    expect(parseAuthMethod({ ldap: 'user' })).toMatchObject({ databaseName: '$external', fields: { ldapAuthType: 'USER' } });
    expect(usage(() => parseAuthMethod({ awsIam: 'USER', x509: 'MANAGED' })).message).toMatch(/cannot go together/);
    expect(usage(() => parseAuthMethod({ x509: 'SELF' })).hint).toBe('use MANAGED or CUSTOMER');
  });

  it('--auth-db, and the guess without it', () => {
    expect(parseAuthDb('$external', 'x')).toBe('$external');
    expect(usage(() => parseAuthDb('local', 'x')).message).toMatch(/invalid --auth-db/);
    expect(guessAuthDb('arn:aws:iam::123456789012:user/ci')).toBe('$external');
    expect(guessAuthDb('CN=ada,OU=eng,DC=example,DC=com')).toBe('$external');
    // an X.509 subject is recognised by whichever RDN it starts with
    for (const dn of [
      'C=US,ST=New York,L=NYC,O=Example,OU=eng,CN=ada',
      'ST=CA,CN=ada',
      'emailAddress=ada@example.com,CN=ada',
      'SERIALNUMBER=42,CN=ada',
      '2.5.4.3=ada',
      'L=Paris',
    ]) {
      expect(guessAuthDb(dn), dn).toBe('$external');
    }
    for (const name of ['ada', 'ada=lovelace', 'c=', 'app-user', 'CNN']) expect(guessAuthDb(name), name).toBe('admin');
    expect(guessAuthDb('app-user')).toBe('admin');
  });
});

describe('create and update plans', () => {
  it('a user needs a role; a temporary x.509 user or a password for a non-password user is refused', () => {
    expect(usage(() => planCreate('u', {}, NOW)).message).toMatch(/at least one --role/);
    expect(usage(() => planCreate('CN=u', { role: ['read@s'], x509: 'MANAGED', ttl: '1h' }, NOW)).message).toMatch(/x.509 users cannot be temporary/);
    expect(usage(() => planCreate('arn:aws:iam::123456789012:user/u', { role: ['read@s'], awsIam: 'USER', generatePassword: true }, NOW)).message).toMatch(/have no password/);
    expect(usage(() => planCreate('u', { role: ['read@s'], awsIam: 'USER' }, NOW)).message).toMatch(/invalid username "u" for --aws-iam/);
    // the ARN of a user for USER, of a role for ROLE (Atlas: ATLAS_INVALID_AWS_IAM_ARN otherwise)
    const wrong = usage(() => planCreate('arn:aws:iam::123456789012:user/u', { role: ['read@s'], awsIam: 'role' }, NOW));
    expect(wrong.message).toBe('invalid username "arn:aws:iam::123456789012:user/u" for --aws-iam ROLE');
    expect(wrong.hint).toBe('give the ARN of the IAM role, e.g. arn:aws:iam::123456789012:role/app');
    expect(usage(() => planCreate('u', { role: ['read@s'], passwordStdin: true, generatePassword: true }, NOW)).message).toMatch(/not both/);
    expect(planCreate('u', { role: ['read@s'], ttl: '2h', scope: ['cluster:C0'] }, NOW)).toMatchObject({
      deleteAfterDate: '2026-03-01T14:00:00Z',
      scopes: [{ name: 'C0', type: 'CLUSTER' }],
      roles: [{ roleName: 'read', databaseName: 's' }],
    });
  });

  it('update: --role alone, or --add-role/--remove-role; something must change', () => {
    expect(usage(() => planUpdate('u', {}, NOW)).message).toBe('nothing to change');
    expect(usage(() => planUpdate('u', { role: ['read@s'], addRole: ['read@t'] }, NOW)).message).toMatch(/--role replaces every role/);
    expect(planUpdate('u', { addRole: ['read@t'] }, NOW).add?.[0]?.parsed.role).toEqual({ roleName: 'read', databaseName: 't' });
  });

  it('generated passwords: 24 letters and digits, different each time', () => {
    const a = generatePassword();
    expect(a).toMatch(/^[A-Za-z0-9]{24}$/);
    expect(generatePassword()).not.toBe(a);
  });
});
