import type { View } from '../../output/render.js';
import type { Whoami } from './run.js';

/** `auth whoami` as a row (-o csv, -o value, --fields): the organizations' ids. */
export const WHOAMI_VIEW: View = {
  columns: [
    { header: 'kind', value: 'kind' },
    { header: 'id', value: 'id', identifier: true },
    { header: 'source', value: 'source' },
    { header: 'orgs', value: (w: Whoami) => w.orgs.map((o) => o.id) },
  ],
};
