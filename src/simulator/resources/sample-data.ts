// Sample dataset loads: requestGroupSampleDatasetLoad (POST /groups/{groupId}/sampleDatasetLoad/{name})
// and getGroupSampleDatasetLoad (GET /groups/{groupId}/sampleDatasetLoad/{sampleDatasetId}).
//
// Rules, and where they come from:
// - the answer to the POST is 201 with a SampleDatasetStatus in this key order:
//   {_id, clusterName, completeDate: null, createDate, errorMessage: null, state: "WORKING"}
//   (recorded/clusters/flags/clustersflags/TestClustersFlags/Load_Sample_Data/POST_…_1.snaphost);
// - state is WORKING, FAILED or COMPLETED; errorMessage is null unless FAILED (spec:
//   SampleDatasetStatus);
// - a job works for stepMs of the clock, then is COMPLETED with its completeDate (time,
//   never the number of reads), as every other lifecycle of the simulator;
// - an unknown cluster: 404 CLUSTER_NOT_FOUND (docs' error list, as for every cluster path).
// Guesses (nothing shows Atlas's answer; listed in src/simulator/README.md):
// - a second load while one is WORKING on the same cluster: 409 SAMPLE_DATASET_LOAD_IN_PROGRESS;
// - a paused cluster: 409 CANNOT_UPDATE_PAUSED_CLUSTER (the code Atlas gives other changes to it);
// - a cluster that already holds the sample data: the job is accepted and ends FAILED with
//   an errorMessage (Atlas's UI refuses to load it twice);
// - an unknown job id: 404 SAMPLE_DATASET_LOAD_NOT_FOUND.
// State lives here, per project object (a reset seeds new projects, and so forgets the jobs).
import { isoAt } from '../clock.js';
import { HEX24, requireProject, storeBeside, type HandlerTable } from '../context.js';
import { ApiError, errors } from '../errors.js';
import type { Json, Project, SimulatorState } from '../state.js';

interface SampleJob {
  id: string;
  clusterName: string;
  createdAt: number;
  /** the clock time the job ends */
  doneAt: number;
  /** set when the job will end FAILED */
  error?: string;
}

interface ProjectSamples {
  jobs: Map<string, SampleJob>;
  /** clusters the sample data was loaded into */
  loaded: Set<string>;
}

const storeOf = storeBeside((_p: Project): ProjectSamples => ({ jobs: new Map(), loaded: new Set() }));

/** What the job's error message says when the sample data is there already (a guess). */
export const ALREADY_LOADED = 'The sample dataset cannot be loaded: the cluster already contains one or more of its databases.';

/** A job as served, in the recorded key order; settles a finished job first. */
function render(state: SimulatorState, store: ProjectSamples, job: SampleJob): Json {
  const done = state.now() >= job.doneAt;
  if (done && !job.error) store.loaded.add(job.clusterName);
  return {
    _id: job.id,
    clusterName: job.clusterName,
    completeDate: done ? isoAt(job.doneAt) : null,
    createDate: isoAt(job.createdAt),
    errorMessage: done && job.error ? job.error : null,
    state: done ? (job.error ? 'FAILED' : 'COMPLETED') : 'WORKING',
  };
}

/** Marks a cluster as holding the sample data (tests: the FAILED path without waiting for a first load). */
export function markSampleDataLoaded(state: SimulatorState, groupId: string, clusterName: string): void {
  const p = state.project(groupId);
  if (p) storeOf(p).loaded.add(clusterName);
}

export const sampleDataHandlers: HandlerTable = {
  requestGroupSampleDatasetLoad: (ctx) => {
    const p = requireProject(ctx);
    const name = ctx.params.name!;
    const c = ctx.state.cluster(p.id, name);
    if (!c) throw errors.clusterNotFound(name, p.id);
    if (c.doc.stateName === 'DELETING') throw errors.clusterDeleting(name);
    if (c.doc.paused) throw errors.cannotUpdatePausedCluster(name);
    const store = storeOf(p);
    for (const job of store.jobs.values()) {
      if (job.clusterName === name && render(ctx.state, store, job).state === 'WORKING') {
        throw new ApiError(409, 'SAMPLE_DATASET_LOAD_IN_PROGRESS', `A sample dataset load is already in progress for cluster ${name}.`, [name]);
      }
    }
    const now = ctx.state.now();
    const job: SampleJob = { id: ctx.state.newId(), clusterName: name, createdAt: now, doneAt: now + ctx.state.stepMs };
    if (store.loaded.has(name)) job.error = ALREADY_LOADED;
    store.jobs.set(job.id, job);
    return { status: 201, body: render(ctx.state, store, job) };
  },

  getGroupSampleDatasetLoad: (ctx) => {
    const p = requireProject(ctx);
    const id = ctx.params.sampleDatasetId!;
    const store = storeOf(p);
    const job = HEX24.test(id) ? store.jobs.get(id) : undefined;
    if (!job) throw new ApiError(404, 'SAMPLE_DATASET_LOAD_NOT_FOUND', `No sample dataset load with ID ${id} exists in group ${p.id}.`, [id, p.id]);
    return { body: render(ctx.state, store, job) };
  },
};
