import { parseAsUserArgs } from '../../scripts/as-user/parse-as-user-args';

describe('npm run as -- <user> <command>', () => {
  test.each<[string[], unknown]>([
    [['adele', 'approve CR-7K3F9QXM'], { who: 'adele', text: 'approve CR-7K3F9QXM' }],
    [['adele', 'approve', 'CR-7K3F9QXM'], { who: 'adele', text: 'approve CR-7K3F9QXM' }],
    [['Adele Vance', 'pending', '--channel'], { who: 'Adele Vance', text: 'pending', channel: true }],
    [['--channel=channel-image-approvals', 'patti', 'pending'], { who: 'patti', text: 'pending', channel: 'channel-image-approvals' }],
    [['megan', 'promote x 1.0.0 to latest', '--no-wait'], { who: 'megan', text: 'promote x 1.0.0 to latest', waitMs: 0 }],
    [['adele', 'pending', '--wait=2.5'], { who: 'adele', text: 'pending', waitMs: 2500 }],
  ])('%j', (argv, request) => {
    expect(parseAsUserArgs(argv)).toEqual({ kind: 'run', request });
  });

  test.each<[string[], RegExp]>([
    [[], /Name a user and a command/],
    [['adele'], /What should adele say\?/],
    [['adele', 'pending', '--chanel'], /Unknown option --chanel/],
    [['adele', 'pending', '--channel='], /needs a channel id/],
    [['adele', 'pending', '--wait=soon'], /number of seconds/],
  ])('%j is refused', (argv, message) => {
    const parsed = parseAsUserArgs(argv);
    expect(parsed.kind).toBe('error');
    expect(parsed.kind === 'error' && parsed.message).toMatch(message);
  });

  test('--help', () => {
    expect(parseAsUserArgs(['adele', '--help'])).toEqual({ kind: 'help' });
  });
});
