import type { View } from '../../output/render.js';

/** A team of the organization (TeamResponse; a new team also lists its usernames). */
export const TEAM_VIEW: View = {
  empty: 'teams',
  columns: [
    { header: 'id', value: 'id' },
    { header: 'name', value: 'name' },
  ],
};

/** `team create`: the team with the users it was made with. */
export const NEW_TEAM_VIEW: View = {
  columns: [
    { header: 'id', value: 'id' },
    { header: 'name', value: 'name' },
    { header: 'usernames', value: 'usernames' },
  ],
};
