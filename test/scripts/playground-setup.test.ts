import { AsUserError } from '../../scripts/as-user/as-user-error';
import { findUser, playgroundSetup, readPlaygroundSetup } from '../../scripts/as-user/playground-setup';
import { readSimpleYaml } from '../../scripts/as-user/read-simple-yaml';
import { projectPath } from '../../src/project-root';

describe('the playground configuration npm start uses (config/playground.yml)', () => {
  const setup = readPlaygroundSetup(projectPath('config', 'playground.yml'), 'config/playground.yml');

  test('has the current user and the five other users, with their Entra ids', () => {
    expect(setup.users.map((u) => [u.id, u.name, u.aadObjectId, u.current])).toEqual([
      ['user-id-0', 'Alex Wilber', '00000000-0000-0000-0000-0000000000020', true],
      ['user-id-1', 'Megan Bowen', '00000000-0000-0000-0000-0000000000021', false],
      ['user-id-2', 'Adele Vance', '00000000-0000-0000-0000-0000000000022', false],
      ['user-id-3', 'Isaiah Langer', '00000000-0000-0000-0000-0000000000023', false],
      ['user-id-4', 'Patti Fernandez', '00000000-0000-0000-0000-0000000000024', false],
      ['user-id-5', 'Lynne Robbins', '00000000-0000-0000-0000-0000000000025', false],
    ]);
  });

  test('has the group chat and the team with the approvals channel of the demo policy', () => {
    expect(setup.groupChat).toEqual({ id: 'group-chat-image-publishers', name: 'Image publishers' });
    expect(setup.team).toEqual({ id: 'team-platform', name: 'Platform', channels: [{ id: 'channel-image-approvals', name: 'Image approvals' }] });
  });

  test.each([
    ['adele', 'user-id-2'],
    ['ADELE', 'user-id-2'],
    ['Adele Vance', 'user-id-2'],
    ['  adele   vance ', 'user-id-2'],
    ['patti', 'user-id-4'],
    ['alex', 'user-id-0'],
    ['user-id-5', 'user-id-5'],
  ])('finds %p', (who, id) => {
    expect(findUser(setup, who).id).toBe(id);
  });

  test('an unknown name is refused with the names there are', () => {
    expect(() => findUser(setup, 'bob')).toThrow(AsUserError);
    expect(() => findUser(setup, 'bob')).toThrow('No user "bob" in config/playground.yml. Its users: Alex Wilber (the current user), Megan Bowen, Adele Vance, Isaiah Langer, Patti Fernandez, Lynne Robbins.');
    expect(() => findUser(setup, 'Vance')).toThrow(/No user "Vance"/);
  });
});

describe('playgroundSetup', () => {
  const read = (yaml: string) => playgroundSetup(readSimpleYaml(yaml), 'x.yml');

  test('a first name two users share is ambiguous; the full name is not', () => {
    const setup = read('users:\n  - id: a\n    name: Alex Wilber\n  - id: b\n    name: Alex Kim\n');
    expect(() => findUser(setup, 'alex')).toThrow('"alex" could be Alex Wilber or Alex Kim; use the full name.');
    expect(findUser(setup, 'alex kim').id).toBe('b');
  });

  test('givenName wins over the first word of the name', () => {
    expect(findUser(read('users:\n  - id: a\n    name: Dr. Lee\n    givenName: Sam\n'), 'sam').id).toBe('a');
  });

  test.each([
    ['no users', 'bot:\n  id: b\n', /names no users/],
    ['a user without an id', 'users:\n  - name: A\n', /users\[0\]\.id is missing/],
    ['users that are not a list', 'users:\n  id: a\n', /"users" must be a list/],
    ['a duplicate id', 'currentUser:\n  id: a\n  name: A\nusers:\n  - id: A\n    name: B\n', /user id a appears twice/],
    ['a channel without an id', 'users:\n  - id: a\n    name: A\nteam:\n  id: t\n  channels:\n    - name: x\n', /team\.channels\[0\]\.id is missing/],
  ])('refuses %s', (_name, yaml, message) => {
    expect(() => read(yaml)).toThrow(message);
  });

  test('an unreadable file says which setting names it', () => {
    expect(() => readPlaygroundSetup('/nonexistent/playground.yml')).toThrow(/Cannot read the playground's configuration \/nonexistent\/playground.yml: .*GALLERYOPS_PLAYGROUND_CONFIG/);
  });
});
