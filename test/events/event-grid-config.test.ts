/** The Entra ID settings of POST /api/events: incomplete combinations stop the start instead of refusing every event later. */
import { loadConfig } from '../../src/config';
import { EVENT_GRID_APP_ID } from '../../src/events/entra-token';
import { configProblems as problemsOf } from '../helpers/config-problems';

const TENANT = '99999999-8888-7777-6666-555555555555';
const APP = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
const SECRET = 's'.repeat(40);

it.each<[string, Record<string, string>, RegExp]>([
  ['EVENT_GRID_AUDIENCE without EVENT_GRID_TENANT_ID', { EVENT_GRID_AUDIENCE: APP }, /^EVENT_GRID_TENANT_ID: must be set with EVENT_GRID_AUDIENCE/],
  ['EVENT_GRID_TENANT_ID without EVENT_GRID_AUDIENCE', { EVENT_GRID_TENANT_ID: TENANT }, /^EVENT_GRID_TENANT_ID: only used with EVENT_GRID_AUDIENCE/],
  ['EVENT_GRID_TENANT_ID without EVENT_GRID_AUDIENCE, next to a secret', { EVENT_GRID_TENANT_ID: TENANT, EVENT_GRID_SECRET: SECRET }, /^EVENT_GRID_TENANT_ID: only used with EVENT_GRID_AUDIENCE/],
  ['EVENT_GRID_OPENID_METADATA_URL without EVENT_GRID_AUDIENCE', { EVENT_GRID_OPENID_METADATA_URL: 'https://login.example/.well-known/openid-configuration' }, /^EVENT_GRID_OPENID_METADATA_URL: only used with EVENT_GRID_AUDIENCE/],
  ['an EVENT_GRID_AUDIENCE that names no app', { EVENT_GRID_AUDIENCE: ' , ', EVENT_GRID_TENANT_ID: TENANT }, /^EVENT_GRID_AUDIENCE: names no app/],
  ['an EVENT_GRID_TENANT_ID that is not a GUID', { EVENT_GRID_AUDIENCE: APP, EVENT_GRID_TENANT_ID: 'contoso.onmicrosoft.com' }, /^EVENT_GRID_TENANT_ID: must be a GUID/],
])('refuses %s, naming the setting', (_name, env, expected) => {
  const problems = problemsOf(env);
  expect(problems).toHaveLength(1);
  expect(problems[0]).toMatch(expected);
});

it('turns Entra ID on with both: the tenant\'s v1 and v2 issuers, its OpenID document, Event Grid as the caller', () => {
  const { eventGrid } = loadConfig({ EVENT_GRID_AUDIENCE: ` api://galleryops-events , ${APP} `, EVENT_GRID_TENANT_ID: TENANT, EVENT_GRID_SECRET: SECRET });
  expect(eventGrid).toEqual({
    secret: SECRET,
    entra: {
      audiences: ['api://galleryops-events', APP],
      issuers: [`https://sts.windows.net/${TENANT}/`, `https://login.microsoftonline.com/${TENANT}/v2.0`],
      metadataUrl: `https://login.microsoftonline.com/${TENANT}/v2.0/.well-known/openid-configuration`,
      callerAppIds: [EVENT_GRID_APP_ID],
    },
  });
});

it('keeps the endpoint off without any of them, and on a secret alone', () => {
  expect(loadConfig({}).eventGrid).toBeUndefined();
  expect(loadConfig({ EVENT_GRID_SECRET: SECRET }).eventGrid).toEqual({ secret: SECRET });
});
