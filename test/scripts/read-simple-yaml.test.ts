import { readSimpleYaml, SimpleYamlError } from '../../scripts/as-user/read-simple-yaml';

describe('readSimpleYaml: the YAML the playground configuration uses', () => {
  test.each<[string, string, unknown]>([
    ['nested mappings', 'bot:\n  id: b-1\n  name: GalleryOps\n', { bot: { id: 'b-1', name: 'GalleryOps' } }],
    ['a sequence of mappings', 'users:\n  - id: u1\n    name: Megan Bowen\n  - id: u2\n    name: Adele Vance\n', { users: [{ id: 'u1', name: 'Megan Bowen' }, { id: 'u2', name: 'Adele Vance' }] }],
    ['a compact sequence (at the key\'s indent)', 'users:\n- id: u1\n  name: A\n- id: u2\n  name: B\nafter: x\n', { users: [{ id: 'u1', name: 'A' }, { id: 'u2', name: 'B' }], after: 'x' }],
    ['wider indentation after the dash', 'users:\n  -   id: u1\n      name: A\n', { users: [{ id: 'u1', name: 'A' }] }],
    ['the item on the line after its dash', 'users:\n  -\n    id: u1\n', { users: [{ id: 'u1' }] }],
    ['scalar items and nested sequences', 'a:\n  - x\n  - - y\n    - z\n', { a: ['x', ['y', 'z']] }],
    ['a nested sequence inside an item', 'team:\n  channels:\n    - id: c1\n      name: Image approvals\n  id: t1\n', { team: { channels: [{ id: 'c1', name: 'Image approvals' }], id: 't1' } }],
    ['comments, blank lines, a document start, trailing spaces', '# head\n---\n\nversion: 0.1.1   # why\nid: user-id-0  \n', { version: '0.1.1', id: 'user-id-0' }],
    ['a # inside a plain value is text', 'url: http://x/#frag\n', { url: 'http://x/#frag' }],
    ['double quotes with escapes, a colon and a #', 'name: "Adele \\"AV\\" Vance: #1 \\u00e9"\n', { name: 'Adele "AV" Vance: #1 é' }],
    ["single quotes with ''", "name: 'O''Brien # not a comment' # a comment\n", { name: "O'Brien # not a comment" }],
    ['quoted keys', '"key with: colon": v\n', { 'key with: colon': 'v' }],
    ['an empty value is null', 'groupChat:\nteam: t\n', { groupChat: null, team: 't' }],
    ['CRLF line ends and a BOM', '\uFEFFa: 1\r\nb:\r\n  c: 2\r\n', { a: '1', b: { c: '2' } }],
    ['every scalar stays text', 'n: 001\nb: true\nz: ~\n', { n: '001', b: 'true', z: '~' }],
  ])('%s', (_name, source, expected) => {
    expect(readSimpleYaml(source)).toEqual(expected);
  });

  test.each<[string, string, RegExp, number]>([
    ['tabs', 'a:\n\tb: 1\n', /tabs/, 2],
    ['flow sequences', 'users: [a, b]\n', /flow collections/, 1],
    ['flow mappings', 'bot: { id: x }\n', /flow collections/, 1],
    ['anchors', 'a: &x 1\n', /anchors/, 1],
    ['aliases', 'a: *x\n', /aliases/, 1],
    ['tags', 'a: !!str 1\n', /tags/, 1],
    ['block scalars', 'a: |\n  text\n', /block scalars/, 1],
    ['a plain value continued on the next line', 'name: Adele\n  Vance\nid: x\n', /unexpected indentation/, 2],
    ['a value that YAML itself refuses', 'name: a: b\n', /quote a value/, 1],
    ['a duplicate key', 'id: a\nid: b\n', /duplicate key "id"/, 2],
    ['a line that is no entry', 'users:\n  just text\n', /expected "key: value"/, 2],
    ['an unterminated quote', 'name: "Adele\n', /unterminated/, 1],
    ['a second document', 'a: 1\n---\nb: 2\n', /one YAML document/, 2],
    ['a deeper line after a mapping', 'a:\n  b: 1\n    c: 2\n', /unexpected indentation/, 3],
  ])('refuses %s, naming the line', (_name, source, message, line) => {
    let error: unknown;
    try {
      readSimpleYaml(source);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(SimpleYamlError);
    expect((error as SimpleYamlError).message).toMatch(message);
    expect((error as SimpleYamlError).line).toBe(line);
  });

  test('an empty file is null', () => {
    expect(readSimpleYaml('# nothing\n\n')).toBeNull();
  });
});
