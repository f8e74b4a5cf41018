import { readFileSync } from 'node:fs';
import { AsUserError } from './as-user-error';
import { readSimpleYaml, SimpleYamlError, type YamlValue } from './read-simple-yaml';

/** A person of the playground's configuration (`currentUser` or one of `users`). */
export interface PlaygroundUser {
  id: string;
  name: string;
  aadObjectId?: string;
  givenName?: string;
  /** The configuration's `currentUser`: the person typing in the browser. */
  current: boolean;
}

/** A chat or channel of the playground's configuration. */
export interface PlaygroundPlace {
  id: string;
  name: string;
}

/** What `npm run as` needs from the playground's configuration file. */
export interface PlaygroundSetup {
  file: string;
  /** The current user first, then `users` in file order. */
  users: PlaygroundUser[];
  groupChat?: PlaygroundPlace;
  team?: PlaygroundPlace & { channels: PlaygroundPlace[] };
}

/** Reads the playground's configuration file (the one `npm start` gives the playground); `shownAs` names it in messages. */
export function readPlaygroundSetup(file: string, shownAs = file): PlaygroundSetup {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new AsUserError(`Cannot read the playground's configuration ${shownAs}: ${(err as Error).message}. GALLERYOPS_PLAYGROUND_CONFIG names it (default config/playground.yml).`);
  }
  try {
    return playgroundSetup(readSimpleYaml(text), shownAs);
  } catch (err) {
    if (err instanceof SimpleYamlError) throw new AsUserError(`Cannot read ${shownAs}, ${err.message}`);
    throw err;
  }
}

export function playgroundSetup(doc: YamlValue, file: string): PlaygroundSetup {
  const root = asMap(doc, file, 'a mapping (currentUser, users, groupChat, team…)');
  const users: PlaygroundUser[] = [];
  if (root.currentUser !== undefined) users.push(user(root.currentUser, `${file}: currentUser`, true));
  const list = root.users ?? [];
  if (!Array.isArray(list)) throw new AsUserError(`${file}: "users" must be a list`);
  list.forEach((u, i) => users.push(user(u, `${file}: users[${i}]`, false)));
  if (users.length === 0) throw new AsUserError(`${file} names no users (currentUser, users)`);
  const ids = users.map((u) => u.id.toLowerCase());
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  if (dup) throw new AsUserError(`${file}: user id ${dup} appears twice`);

  const setup: PlaygroundSetup = { file, users };
  if (root.groupChat != null) setup.groupChat = place(root.groupChat, `${file}: groupChat`);
  if (root.team != null) {
    const team = asMap(root.team, file, 'team');
    const channels = team.channels ?? [];
    if (!Array.isArray(channels)) throw new AsUserError(`${file}: team.channels must be a list`);
    setup.team = { ...place(team, `${file}: team`), channels: channels.map((c, i) => place(c, `${file}: team.channels[${i}]`)) };
  }
  return setup;
}

/**
 * The configured person `who` names, case-insensitively: full name, first name, or id. Refuses an unknown or
 * ambiguous name, listing the people there are.
 */
export function findUser(setup: PlaygroundSetup, who: string): PlaygroundUser {
  const wanted = normalize(who);
  const matches = setup.users.filter((u) => namesOf(u).includes(wanted));
  if (matches.length === 1) return matches[0]!;
  const known = setup.users.map((u) => (u.current ? `${u.name} (the current user)` : u.name)).join(', ');
  if (matches.length === 0) throw new AsUserError(`No user "${who}" in ${setup.file}. Its users: ${known}.`);
  throw new AsUserError(`"${who}" could be ${matches.map((u) => u.name).join(' or ')}; use the full name.`);
}

function namesOf(u: PlaygroundUser): string[] {
  const first = u.givenName ?? u.name.split(/\s+/)[0] ?? '';
  return [normalize(u.name), normalize(first), normalize(u.id)];
}

function normalize(s: string): string {
  return s.trim().replace(/\s+/g, ' ').toLowerCase();
}

function user(v: YamlValue, where: string, current: boolean): PlaygroundUser {
  const m = asMap(v, where, 'a user');
  const id = text(m.id, `${where}.id`);
  const name = text(m.name, `${where}.name`);
  const u: PlaygroundUser = { id, name, current };
  if (typeof m.aadObjectId === 'string' && m.aadObjectId) u.aadObjectId = m.aadObjectId;
  if (typeof m.givenName === 'string' && m.givenName) u.givenName = m.givenName;
  return u;
}

function place(v: YamlValue, where: string): PlaygroundPlace {
  const m = asMap(v, where, 'an entry');
  const id = text(m.id, `${where}.id`);
  return { id, name: typeof m.name === 'string' && m.name ? m.name : id };
}

function asMap(v: YamlValue, where: string, what: string): { [key: string]: YamlValue } {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new AsUserError(`${where}: expected ${what} with "key: value" lines`);
  return v;
}

function text(v: YamlValue | undefined, where: string): string {
  if (typeof v !== 'string' || v.trim() === '') throw new AsUserError(`${where} is missing`);
  return v.trim();
}
