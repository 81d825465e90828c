import { definePage, view } from '../web.page';

// The start page: what this person's role can do here, one link each (the navigation, described).
export const homePages = () => [
  definePage({
    method: 'get',
    path: '/',
    uses: [],
    handler: async () => view('home', 'Start'),
  }),
];
