// The project IP access list (createGroupAccessListEntry, listGroupAccessListEntries,
// getGroupAccessListEntry, getGroupAccessListStatus, deleteGroupAccessListEntry) and
// GET /api/private/ipinfo, the caller's public address as Atlas sees it (outside the
// spec; served from the server pipeline next to the OAuth endpoint).
//
// Rules, as Atlas applies them (recordings in shared/atlas-api/recorded/generic/accesslists):
// - an entry is keyed by its CIDR block: a single address is stored as a.b.c.d/32
//   (IPv6 /128) and keeps `ipAddress`; GET/DELETE take the address or the block
//   (`/` sent as %2F);
// - POST takes an array and answers 201 with the project's whole list (paginated);
//   posting an entry that exists updates its comment and deleteAfterDate (no 409);
// - a new entry is PENDING for an access-list entry's duration (durations.ts), then ACTIVE (…/status answers {"STATUS"});
// - an entry whose deleteAfterDate has passed is gone; the date must lie in the
//   future and at most a week ahead;
// - a malformed address or a block with host bits set is refused:
//   400 INVALID_IP_ADDRESS_OR_CIDR_NOTATION; a missing entry is
//   404 ATLAS_NETWORK_PERMISSION_ENTRY_NOT_FOUND; an item with two of ipAddress, cidrBlock and
//   awsSecurityGroup is 400 MULTIPLE_VALUES_SPECIFIED_FOR_ONE_NETWORK_PERMISSION_ENTRY, one with none
//   400 MISSING_ONE_OF_THREE_ATTRIBUTES (codes, statuses and wording from the Atlas API error-code
//   list: mongodb/docs content/atlas/source/reference/api-errors.txt, mongodb.com/docs/atlas/reference/api-errors;
//   both were 400 BAD_WHITELIST_ADD_REQUEST here, the API-key access list's code).
import ipaddr from 'ipaddr.js';
import { isIP } from 'node:net';
import { isoAt } from '../clock.js';
import { link, paginate, requireProject, V2, type Ctx, type HandlerTable } from '../context.js';
import { ApiError, errors } from '../errors.js';
import type { AccessListRecord, Json, SimulatorState } from '../state.js';

export const WEEK_MS = 7 * 24 * 3600 * 1000;

/**
 * An address or block in the form entries are keyed by ("10.0.0.1" → "10.0.0.1/32"),
 * or undefined when it is not a valid address, block, or has host bits set.
 */
export function canonicalBlock(value: string): string | undefined {
  const [addr, prefix, extra] = value.split('/');
  if (extra !== undefined || !addr || isIP(addr) === 0) return undefined;
  const ip = ipaddr.parse(addr);
  const max = ip.kind() === 'ipv4' ? 32 : 128;
  if (prefix === undefined) return `${ip.toNormalizedString()}/${max}`;
  if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > max) return undefined;
  const n = Number(prefix);
  const network = ip.kind() === 'ipv4' ? ipaddr.IPv4.networkAddressFromCIDR(`${addr}/${n}`) : ipaddr.IPv6.networkAddressFromCIDR(`${addr}/${n}`);
  if (network.toNormalizedString() !== ip.toNormalizedString()) return undefined;
  return `${ip.toNormalizedString()}/${n}`;
}

const key = (groupId: string, block: string) => `${groupId}/${block}`;

/** Drops the entries whose deleteAfterDate has passed. */
export function expireEntries(state: SimulatorState): void {
  const now = state.now();
  for (const [k, e] of state.accessList) if (e.deleteAfterDate && Date.parse(e.deleteAfterDate) <= now) state.accessList.delete(k);
}

function entriesOf(state: SimulatorState, groupId: string): AccessListRecord[] {
  expireEntries(state);
  return [...state.accessList.values()].filter((e) => e.groupId === groupId);
}

export function renderEntry(base: string, e: AccessListRecord): Json {
  const id = e.cidrBlock ?? e.awsSecurityGroup!;
  const doc: Json = {};
  if (e.awsSecurityGroup) doc.awsSecurityGroup = e.awsSecurityGroup;
  if (e.cidrBlock) doc.cidrBlock = e.cidrBlock;
  if (e.comment !== undefined) doc.comment = e.comment;
  if (e.deleteAfterDate) doc.deleteAfterDate = e.deleteAfterDate;
  doc.groupId = e.groupId;
  if (e.ipAddress) doc.ipAddress = e.ipAddress;
  doc.links = [link(base, `${V2}/groups/${e.groupId}/accessList/${encodeURIComponent(id)}`)];
  return doc;
}

const invalidAddress = (value: string) => new ApiError(400, 'INVALID_IP_ADDRESS_OR_CIDR_NOTATION', `The address ${value} must be in valid IP address or CIDR notation.`, [value]);

export const entryNotFound = (value: string, groupId: string) =>
  new ApiError(404, 'ATLAS_NETWORK_PERMISSION_ENTRY_NOT_FOUND', `IP Address ${value} not on Atlas access list for group ${groupId}.`, [value, groupId]);

/** A deleteAfterDate Atlas takes: in the future and at most a week ahead. */
export function checkDeleteAfter(state: SimulatorState, date: string | undefined): string | undefined {
  if (date === undefined) return undefined;
  const t = Date.parse(date);
  const now = state.now();
  if (Number.isNaN(t) || t <= now) throw errors.invalidAttribute('deleteAfterDate', 'the date must be in the future');
  if (t > now + WEEK_MS) throw errors.invalidAttribute('deleteAfterDate', 'the date must be at most one week from now');
  return isoAt(t);
}

function requireEntry(ctx: Ctx): AccessListRecord {
  const p = requireProject(ctx);
  const value = ctx.params.entryValue;
  expireEntries(ctx.state);
  const block = canonicalBlock(value);
  const e = ctx.state.accessList.get(key(p.id, block ?? value));
  if (!e) throw entryNotFound(value, p.id);
  return e;
}

export const accessListHandlers: HandlerTable = {
  listGroupAccessListEntries: (ctx) => {
    const p = requireProject(ctx);
    return paginate(ctx, entriesOf(ctx.state, p.id), (e) => renderEntry(ctx.base, e));
  },

  createGroupAccessListEntry: (ctx) => {
    const p = requireProject(ctx);
    const items = ctx.body as Json[];
    // check everything first: a refused item adds nothing
    const checked = items.map((item) => {
      const given = [item.ipAddress, item.cidrBlock, item.awsSecurityGroup].filter((x) => x !== undefined);
      if (given.length > 1) {
        throw new ApiError(400, 'MULTIPLE_VALUES_SPECIFIED_FOR_ONE_NETWORK_PERMISSION_ENTRY', 'Should not specify both the IP address and the CIDR block.');
      }
      if (given.length === 0) {
        const names = ['ipAddress', 'cidrBlock', 'awsSecurityGroup'];
        throw new ApiError(
          400,
          'MISSING_ONE_OF_THREE_ATTRIBUTES',
          'Either the ipAddress attribute, the cidrBlock attribute, or the awsSecurityGroup attribute must be specified.',
          names,
        );
      }
      const deleteAfterDate = checkDeleteAfter(ctx.state, item.deleteAfterDate);
      if (item.awsSecurityGroup) return { id: item.awsSecurityGroup as string, item, deleteAfterDate, single: false };
      const value = (item.ipAddress ?? item.cidrBlock) as string;
      if (item.ipAddress !== undefined && value.includes('/')) throw invalidAddress(value);
      const block = canonicalBlock(value);
      if (!block) throw invalidAddress(value);
      return { id: block, item, deleteAfterDate, single: item.ipAddress !== undefined || /\/(32|128)$/.test(block) };
    });
    for (const c of checked) {
      const k = key(p.id, c.id);
      const existing = ctx.state.accessList.get(k);
      if (existing) {
        if (c.item.comment !== undefined) existing.comment = c.item.comment;
        existing.deleteAfterDate = c.deleteAfterDate;
        continue;
      }
      const rec: AccessListRecord = {
        groupId: p.id,
        activeAt: ctx.state.now() + ctx.state.duration('accessListEntry'),
        comment: c.item.comment,
        deleteAfterDate: c.deleteAfterDate,
      };
      if (c.item.awsSecurityGroup) rec.awsSecurityGroup = c.id;
      else {
        rec.cidrBlock = c.id;
        if (c.single) rec.ipAddress = c.id.replace(/\/\d+$/, '');
      }
      ctx.state.accessList.set(k, rec);
    }
    // Atlas answers 201 Created with the whole list (the spec documents 200)
    const reply = paginate(ctx, entriesOf(ctx.state, p.id), (e) => renderEntry(ctx.base, e));
    return { ...reply, status: 201 };
  },

  getGroupAccessListEntry: (ctx) => ({ body: renderEntry(ctx.base, requireEntry(ctx)) }),

  getGroupAccessListStatus: (ctx) => {
    const e = requireEntry(ctx);
    return { body: { STATUS: ctx.state.now() >= e.activeAt ? 'ACTIVE' : 'PENDING' } };
  },

  deleteGroupAccessListEntry: (ctx) => {
    const e = requireEntry(ctx);
    ctx.state.accessList.delete(key(e.groupId, e.cidrBlock ?? e.awsSecurityGroup!));
    return { status: 204 };
  },
};

/** GET /api/private/ipinfo: `{"currentIpv4Address"}` as recorded (Content-Type application/json). */
export function ipInfo(state: SimulatorState): Json {
  return { currentIpv4Address: state.callerIp };
}

/** Seed: two ACTIVE entries in `groupId`. */
export function seedAccessList(state: SimulatorState, groupId: string): void {
  const add = (block: string, comment: string, single: boolean) =>
    state.accessList.set(key(groupId, block), { groupId, cidrBlock: block, ...(single ? { ipAddress: block.replace(/\/\d+$/, '') } : {}), comment, activeAt: 0 });
  add('203.0.113.10/32', 'office', true);
  add('10.8.0.0/16', 'VPN', false);
}
