// The maintenance window of a project: getGroupMaintenanceWindow,
// updateGroupMaintenanceWindow, deferGroupMaintenanceWindow,
// toggleGroupMaintenanceWindowAutoDefer, resetGroupMaintenanceWindow.
//
// Rules, and where they come from:
// - GET answers {autoDeferOnceEnabled, dayOfWeek, hourOfDay, numberOfDeferrals,
//   startASAP, timeZoneId} (recorded/generic/maintenance/.../describe), protectedHours
//   only when set; dayOfWeek 1 = Sunday … 7 = Saturday (spec, GroupMaintenanceWindow);
// - PATCH changes the fields it is given and answers 200 with an empty body
//   (recorded: Content-Length 0); DELETE (reset) answers 204 (recorded) and brings back
//   the window Atlas picks for a project without one;
// - defer pushes scheduled maintenance back a week and counts it: "You can defer a
//   scheduled maintenance event for a project up to two times" (Atlas CLI docs of
//   `maintenanceWindows defer`); with nothing scheduled 400 ATLAS_MAINTENANCE_NOT_SCHEDULED, after two
//   deferrals 400 ATLAS_NUM_MAINTENANCE_DEFERRALS_EXCEEDED (both code, status and wording from the Atlas
//   API error-code list: mongodb/docs content/atlas/source/reference/api-errors.txt,
//   mongodb.com/docs/atlas/reference/api-errors);
// - autoDefer toggles autoDeferOnceEnabled (spec: "toggle the current value");
// - a project whose window was never set, or was reset, takes a PATCH only with hourOfDay:
//   "When a maintenance window has never been configured (new project or
//   resetMaintenanceWindow was called) when the initial PATCH is called hourOfDay must be
//   provided or an error is returned from the API" (mongodb/terraform-provider-mongodbatlas
//   #3086, which quotes the failing acceptance test). The error's code is not shown there:
//   400 MISSING_ATTRIBUTE is a guess (README, Guesses).
import { requireProject, type Ctx, type HandlerTable } from '../context.js';
import { ApiError, errors } from '../errors.js';
import type { Json, SimulatorState } from '../state.js';
import type { SEED } from '../seed-ids.js';
import { recordEvent } from './events.js';

/** Deferrals Atlas allows for one scheduled maintenance. */
export const MAX_DEFERRALS = 2;
const WEEK_MS = 7 * 86_400_000;

/** What a project without a window of its own shows (and what reset brings back). */
export function defaultWindow(): Json {
  return { autoDeferOnceEnabled: false, dayOfWeek: 1, hourOfDay: 0, numberOfDeferrals: 0, startASAP: false, timeZoneId: 'UTC' };
}

/** The window record of a project, created with the default on first use. */
function windowOf(s: SimulatorState, groupId: string): Json {
  let w = s.maintenance.get(groupId);
  if (!w) {
    w = { ...defaultWindow(), scheduledAt: undefined };
    s.maintenance.set(groupId, w);
  }
  return w;
}

/**
 * The default project has a window (Tuesday 04:00 UTC) and maintenance scheduled three
 * days ahead, so it can be deferred; the other projects have the default window and
 * nothing scheduled.
 */
export function seedMaintenance(s: SimulatorState, ids: typeof SEED): void {
  s.maintenance.set(ids.projectId, {
    ...defaultWindow(),
    dayOfWeek: 3,
    hourOfDay: 4,
    configured: true,
    scheduledAt: s.now() + 3 * 86_400_000,
  });
}

function render(w: Json): Json {
  const doc: Json = {
    autoDeferOnceEnabled: w.autoDeferOnceEnabled,
    dayOfWeek: w.dayOfWeek,
    hourOfDay: w.hourOfDay,
    numberOfDeferrals: w.numberOfDeferrals,
  };
  if (w.protectedHours) doc.protectedHours = { ...w.protectedHours };
  doc.startASAP = w.startASAP;
  doc.timeZoneId = w.timeZoneId;
  return doc;
}

function event(ctx: Ctx, groupId: string, eventTypeName: string): void {
  recordEvent(ctx.state, { eventTypeName, groupId, publicKey: 'simpublickey' });
}

export const maintenanceHandlers: HandlerTable = {
  getGroupMaintenanceWindow: (ctx) => ({ body: render(windowOf(ctx.state, requireProject(ctx).id)) }),

  updateGroupMaintenanceWindow: (ctx) => {
    const p = requireProject(ctx);
    const w = windowOf(ctx.state, p.id);
    const b = ctx.body as Json;
    if (!w.configured && b.hourOfDay === undefined) throw errors.missingAttribute('hourOfDay');
    w.configured = true;
    for (const k of ['dayOfWeek', 'hourOfDay', 'startASAP', 'autoDeferOnceEnabled', 'protectedHours']) {
      if (b[k] !== undefined) w[k] = b[k];
    }
    event(ctx, p.id, 'ATLAS_MAINTENANCE_WINDOW_MODIFIED');
    // Atlas answers 200 with no body at all (recorded)
    return { status: 200, raw: Buffer.alloc(0) };
  },

  deferGroupMaintenanceWindow: (ctx) => {
    const p = requireProject(ctx);
    const w = windowOf(ctx.state, p.id);
    if (w.scheduledAt === undefined) {
      // docs: 400 ATLAS_MAINTENANCE_NOT_SCHEDULED (was NO_MAINTENANCE_SCHEDULED, a guess)
      throw new ApiError(400, 'ATLAS_MAINTENANCE_NOT_SCHEDULED', 'There is no maintenance scheduled for this project.', [p.id]);
    }
    if (w.numberOfDeferrals >= MAX_DEFERRALS) {
      // docs: 400 ATLAS_NUM_MAINTENANCE_DEFERRALS_EXCEEDED (was MAINTENANCE_DEFERRAL_LIMIT_REACHED, a guess)
      throw new ApiError(400, 'ATLAS_NUM_MAINTENANCE_DEFERRALS_EXCEEDED', 'Scheduled maintenance for a group cannot be deferred more than twice.', [p.id]);
    }
    w.numberOfDeferrals += 1;
    w.scheduledAt += WEEK_MS;
    event(ctx, p.id, 'ATLAS_MAINTENANCE_DEFERRED');
    return { status: 200, raw: Buffer.alloc(0) };
  },

  toggleGroupMaintenanceWindowAutoDefer: (ctx) => {
    const p = requireProject(ctx);
    const w = windowOf(ctx.state, p.id);
    w.autoDeferOnceEnabled = !w.autoDeferOnceEnabled;
    event(ctx, p.id, w.autoDeferOnceEnabled ? 'ATLAS_MAINTENANCE_AUTO_DEFER_ENABLED' : 'ATLAS_MAINTENANCE_AUTO_DEFER_DISABLED');
    return { status: 200, raw: Buffer.alloc(0) };
  },

  resetGroupMaintenanceWindow: (ctx) => {
    const p = requireProject(ctx);
    const w = windowOf(ctx.state, p.id);
    // the schedule and its deferrals stay: only the preferences go back to the default
    const { scheduledAt, numberOfDeferrals } = w;
    ctx.state.maintenance.set(p.id, { ...defaultWindow(), scheduledAt, numberOfDeferrals });
    event(ctx, p.id, 'ATLAS_MAINTENANCE_WINDOW_REMOVED');
    return { status: 204 };
  },
};
