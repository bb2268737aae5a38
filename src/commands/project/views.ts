import type { View } from '../../output/render.js';
import type { SettingFlag } from '../shared.js';

export const PROJECT_VIEW: View = {
  empty: 'projects',
  columns: [
    { header: 'id', value: 'id' },
    { header: 'name', value: 'name' },
    { header: 'org id', value: 'orgId' },
    { header: 'clusters', value: 'clusterCount' },
    { header: 'created', value: 'created' },
  ],
};

export const TEAM_VIEW: View = {
  empty: 'teams',
  columns: [
    { header: 'team id', value: 'teamId' },
    // filled in by \`project teams\` from the organization's teams, when it can read them
    { header: 'name', value: 'name' },
    { header: 'roles', value: 'roleNames' },
  ],
};

/** Project settings: one flag per boolean setting, named without `is` and `Enabled`. */
export const PROJECT_SETTINGS: readonly SettingFlag[] = [
  'isClusterAiAssistantEnabled',
  'isCollectDatabaseSpecificsStatisticsEnabled',
  'isDataExplorerEnabled',
  'isDataExplorerGenAIFeaturesEnabled',
  'isDataExplorerGenAISampleDocumentPassingEnabled',
  'isDataValidationEnabled',
  'isExtendedStorageSizesEnabled',
  'isNativeRerankingEnabled',
  'isPerformanceAdvisorEnabled',
  'isRealtimePerformancePanelEnabled',
  'isSchemaAdvisorEnabled',
].map((key) => ({
  key,
  flag: key
    .replace(/^is/, '')
    .replace(/Enabled$/, '')
    .replace(/GenAI/, 'GenAi')
    .replace(/([a-z])([A-Z])/g, '$1-$2')
    .toLowerCase(),
}));
