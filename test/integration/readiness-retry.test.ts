/**
 * A replica is sent traffic only once /readyz says ready (the gallery names are loaded). If the first load
 * fails (ARM unreachable, or the identity's role assignment not yet in effect right after `azd up`), nothing
 * else would load them: no command arrives at an unready replica. The bot keeps retrying in the background
 * until it is ready. Real SDK against the emulator, whose first gallery lists answer garbage.
 */
import { startBotUnderTest, type BotUnderTest } from '../helpers/bot-under-test';
import { waitFor } from '../helpers/wait-for';

let bot: BotUnderTest | undefined;
afterAll(() => bot?.stop());

it('becomes ready by itself after the first loads of the gallery names failed', async () => {
  bot = await startBotUnderTest({ faults: { malformed: { match: '^GET /subscriptions/[^/]+/providers/Microsoft\\.Compute/galleries\\?', count: 2 } } });
  const readiness = () => fetch(`${bot!.botUrl}/readyz`).then((r) => r.status);
  expect(await readiness()).toBe(503);
  expect(await waitFor(readiness, (s) => s === 200, 15_000)).toBe(200);
});
