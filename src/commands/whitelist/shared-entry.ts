/**
 * One run's part in a shared temporary access-list entry (the lease form is in
 * lease.ts): join, keep, leave. Atlas offers no compare-and-swap on an entry (POST is an
 * upsert of the whole comment and deleteAfterDate; DELETE is unconditional), so two runs
 * that read, change and write the comment at the same moment can lose one's lease.
 * What narrows and repairs that:
 *
 * - join writes, then reads back: a lease lost to a write made at the same moment is
 *   written again (up to 5 rounds, a random pause between), before the command runs;
 * - while the command runs, `keep` reads the entry every 20 s (ATLASCLI_POLL_MS when
 *   set, at least 0.5 s) and writes the lease back, extends deleteAfterDate, or adds
 *   the entry again (saying so) when a race removed it;
 * - leave reads, then removes the entry only when no other live lease is listed and it
 *   is not marked ` +`; otherwise it writes the comment without its lease and reads it
 *   back, in case a write made at the same moment put the lease back.
 *
 * What remains possible, and why it is safe:
 * - a run leaves (it reads the entry, sees only its own lease, sends DELETE) while
 *   another joins (writes its lease and reads it back) between that read and that
 *   DELETE; or a third run's write, based on a read made before the joiner's, lands
 *   after the joiner read its lease back. The joiner's command may then find the entry
 *   gone for up to one `keep` interval plus the time Atlas takes to make the entry
 *   ACTIVE again; `keep` adds it back and says so on stderr. It takes two runs starting
 *   and ending within one request of each other.
 * - two runs leave at the same moment and each writes the other's lease back: the entry
 *   stays until the latest of those leases ends (the run's TTL), never longer.
 * Whatever the timing: every write sets a deleteAfterDate, the latest end among the
 * leases it lists (rounded up to the minute; the entry's own date too when it is marked
 * ` +`), at most a week ahead, so no entry outlives the TTLs of the runs that held it;
 * and an entry whose comment is not in the lease form (one a person or another tool
 * made) is never changed or removed.
 */
import { AtlasApiError, NetworkError } from '../../errors.js';
import type { AtlasClient } from '../../atlas/client.js';
import { isoSeconds } from '../../args/dates.js';
import { entryBody, type AddressEntry } from './input.js';
import { formatLeaseComment, holds, joinLease, leaveLease, newLease, parseLeaseComment, type Lease, type LeaseComment } from './lease.js';

/** The entry as read: its lease form (undefined: not made by `whitelist exec`) and deleteAfterDate (epoch ms). */
interface EntryState {
  lease: LeaseComment | undefined;
  deleteAfter: number | undefined;
}

/** How `join` found the entry: made by this run, shared with other runs, or someone else's (left alone). */
export type JoinResult = 'created' | 'joined' | 'foreign';

/** How `leave` left it: removed, kept for `others` other runs until `until` (ISO), already gone, or someone else's. */
export type LeaveResult = { kind: 'removed' } | { kind: 'kept'; others: number; overflow: boolean; until?: string } | { kind: 'gone' } | { kind: 'foreign' };

/** Write-and-read-back rounds of join and leave before giving up on a lost race. */
const JOIN_ROUNDS = 5;

export interface SharedEntryOptions {
  /** When this run's need ends (epoch ms): its TTL. */
  endMs: number;
  /** `--comment`, kept on an entry this run makes. */
  note?: string;
  /** Says something on stderr. */
  warn: (message: string) => void;
}

export class SharedEntry {
  readonly me: Lease;
  private readonly now = Date.now;
  /** Set when leave starts: a check still to come must not write the lease back. */
  private leaving = false;

  constructor(
    private readonly client: AtlasClient,
    private readonly groupId: string,
    readonly entry: AddressEntry,
    private readonly opts: SharedEntryOptions,
  ) {
    this.me = newLease(opts.endMs);
  }

  /**
   * For `--dry-run`: the body of the request join would send first (after one read), or
   * undefined when the entry is someone else's and nothing would be written.
   */
  async plannedWrite(): Promise<{ body: Record<string, string>[] } | undefined> {
    const state = await this.read();
    if (state && !state.lease) return undefined;
    const next = this.withMe(state);
    return { body: [this.body(next.lease, next.deleteAfter)] };
  }

  /**
   * Adds the entry with this run's lease, or adds the lease to an entry other runs hold;
   * reads it back and writes again if the lease was lost to a concurrent write. An entry
   * not in the lease form is left alone ('foreign'). Sends getGroupAccessListEntry and
   * createGroupAccessListEntry. @throws AtlasApiError when Atlas refuses the write
   */
  async join(): Promise<JoinResult> {
    let created = false;
    let state = await this.read();
    for (let round = 1; ; round++) {
      if (state && !state.lease) return 'foreign';
      created ||= state === undefined;
      await this.write(this.withMe(state));
      state = await this.read();
      if (state && !state.lease) return 'foreign';
      if (state && this.covers(state)) return created ? 'created' : 'joined';
      if (round === JOIN_ROUNDS) {
        this.opts.warn(
          `warning: another atlascli run kept overwriting the access-list entry ${this.entry.value}; this run's lease is not on it yet (it is written again while the command runs)`,
        );
        return created ? 'created' : 'joined';
      }
      await randomPause();
    }
  }

  /**
   * One check while the command runs: writes the lease back when it is missing, extends
   * deleteAfterDate when it is short of this run's end, and adds the entry again when it
   * is gone. Returns false once the entry has become someone else's, or the run is
   * leaving (nothing more to do).
   */
  async keep(): Promise<boolean> {
    if (this.leaving) return false;
    const state = await this.read();
    if (this.leaving) return false;
    if (state && !state.lease) return false;
    if (state && this.covers(state)) return true;
    if (!state) this.opts.warn(`warning: the access-list entry ${this.entry.value} was removed while the command runs; adding it again`);
    await this.write(this.withMe(state));
    return true;
  }

  /**
   * Checks with `keep` every `intervalMs` until the returned function is called; that
   * function resolves once a check in flight has ended. Failures are said once and do not
   * stop the command.
   */
  keepEvery(intervalMs: number): () => Promise<void> {
    let stopped = false;
    let inFlight: Promise<unknown> = Promise.resolve();
    let warned = false;
    let timer: NodeJS.Timeout | undefined;
    const tick = () => {
      inFlight = this.keep()
        .then((more) => {
          if (more && !stopped) timer = setTimeout(tick, intervalMs);
        })
        .catch((err: Error) => {
          if (!warned) this.opts.warn(`warning: could not check the access-list entry ${this.entry.value}: ${err.message}`);
          warned = true;
          if (!stopped) timer = setTimeout(tick, intervalMs);
        });
    };
    timer = setTimeout(tick, intervalMs);
    return async () => {
      stopped = true;
      clearTimeout(timer);
      await inFlight;
    };
  }

  /**
   * Takes this run's lease off the entry: removes the entry (deleteGroupAccessListEntry)
   * when no other live run holds it, else writes the comment without the lease and reads
   * it back, taking the lease out again if a write made at the same moment (another run
   * leaving or joining) put it back (up to 5 rounds). Safe to call whatever join did:
   * an entry without the lease form is never touched.
   * @throws AtlasApiError, NetworkError when Atlas cannot be asked or refuses
   */
  async leave(): Promise<LeaveResult> {
    this.leaving = true;
    for (let round = 1; ; round++) {
      const state = await this.read();
      if (!state) return { kind: 'gone' };
      if (!state.lease) return { kind: 'foreign' };
      const next = leaveLease({ lease: state.lease, deleteAfter: state.deleteAfter }, this.me.id, this.now());
      if (next.remove) {
        try {
          await this.client.request({ operationId: 'deleteGroupAccessListEntry', pathParams: this.path() });
        } catch (err) {
          if (err instanceof AtlasApiError && err.status === 404) return { kind: 'gone' };
          throw err;
        }
        return { kind: 'removed' };
      }
      const mine = state.lease.leases.some((l) => l.id === this.me.id);
      if (!mine || round === JOIN_ROUNDS || next.deleteAfter === undefined) {
        const until = next.deleteAfter ?? state.deleteAfter;
        return { kind: 'kept', others: next.lease.leases.length, overflow: next.lease.overflow, ...(until !== undefined ? { until: isoSeconds(new Date(until)) } : {}) };
      }
      await this.write({ lease: next.lease, deleteAfter: next.deleteAfter });
      await randomPause();
    }
  }

  /** Whether the entry as read keeps this run covered: its lease (or the ` +` mark) and a late enough deleteAfterDate. */
  private covers(state: EntryState): boolean {
    return state.lease !== undefined && holds(state.lease, state.deleteAfter, this.me, this.opts.endMs, this.now());
  }

  /** What the entry becomes when this run's lease is added to it (`state` undefined: no entry yet). */
  private withMe(state: EntryState | undefined): { lease: LeaseComment; deleteAfter: number } {
    return joinLease(state && { lease: state.lease!, deleteAfter: state.deleteAfter }, this.me, this.opts.endMs, this.opts.note, this.now());
  }

  private path() {
    return { groupId: this.groupId, entryValue: this.entry.value };
  }

  private body(lease: LeaseComment, deleteAfter: number): Record<string, string> {
    return entryBody(this.entry, formatLeaseComment(lease), isoSeconds(new Date(deleteAfter)));
  }

  /** The entry (getGroupAccessListEntry), or undefined when it is not on the list (404). */
  private async read(): Promise<EntryState | undefined> {
    let doc: { comment?: string; deleteAfterDate?: string };
    try {
      doc = await this.client.request({ operationId: 'getGroupAccessListEntry', pathParams: this.path() });
    } catch (err) {
      if (err instanceof AtlasApiError && err.status === 404) return undefined;
      throw err;
    }
    const at = doc?.deleteAfterDate ? Date.parse(doc.deleteAfterDate) : NaN;
    return { lease: parseLeaseComment(doc?.comment), deleteAfter: Number.isNaN(at) ? undefined : at };
  }

  /**
   * Writes the entry (createGroupAccessListEntry: an upsert of comment and deleteAfterDate).
   * A write whose answer was lost is not an error here: the read that follows tells.
   */
  private async write(next: { lease: LeaseComment; deleteAfter: number }): Promise<void> {
    try {
      await this.client.request({ operationId: 'createGroupAccessListEntry', pathParams: { groupId: this.groupId }, body: [this.body(next.lease, next.deleteAfter)] });
    } catch (err) {
      const lost = err instanceof NetworkError || (err instanceof AtlasApiError && err.status >= 500);
      if (!lost) throw err;
    }
  }
}

const randomPause = () => new Promise<void>((r) => setTimeout(r, 50 + Math.random() * 250));
