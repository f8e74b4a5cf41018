import type { LocalConnector } from '../test/helpers/local-connector';

/**
 * A slow command answers with a progress card (src/cards/progress-card.ts) and later replaces it with the answer;
 * a benchmark that stopped its clock at the placeholder would report the bot faster than a person sees it.
 */
export function isProgressCard(body: Record<string, unknown>): boolean {
  return JSON.stringify(body).includes('Working on: ');
}

/** The first message in the conversation that is an answer (a reply, or the update that replaced a progress card). */
export async function waitForAnswer(connector: LocalConnector, conversationId: string, timeoutMs: number): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  for (let n = 1; ; n++) {
    const messages = await connector.waitForMessages(conversationId, n, Math.max(1, deadline - Date.now()));
    const answer = messages.find((m) => !isProgressCard(m));
    if (answer) return answer;
  }
}
