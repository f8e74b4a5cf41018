/**
 * Every card reply the card tests render, gathered in one list: the template-equivalence and contract tests
 * check each one, and `npm run bench:cards` times rendering them.
 */
import { choicesCard } from '../../../src/cards/choices-card';
import { errorCard } from '../../../src/cards/error-card';
import { interruptedCard, progressCard } from '../../../src/cards/progress-card';
import { errorReply } from '../../../src/commands/error-reply';
import { ConflictError, ForbiddenError, UpstreamError } from '../../../src/errors';
import { commandSamples, type CardSample } from './command-samples';
import { digestSamples } from './digest-samples';
import { requestSamples } from './request-samples';
import { storeSamples } from './store-samples';
import { watchEventSamples } from './watch-event-samples';

export type { CardSample } from './command-samples';

/** The ambiguity and error cards cards.test.ts builds directly. */
export function directSamples(): CardSample[] {
  const choices = Array.from({ length: 30 }, (_, i) => ({ title: `g${i}/x`, command: `versions g${i}/x`, detail: 'Linux' }));
  return [
    { label: 'choices: 30 of them', reply: choicesCard('`x` matches 30 image definitions. Which one?', choices) },
    { label: 'choices: 2 of them', reply: choicesCard('`x` matches 2 image definitions. Which one?', choices.slice(0, 2)) },
    { label: 'error: forbidden', reply: errorReply(new ForbiddenError('The bot may not read gal_golden.')) },
    { label: 'error: conflict', reply: errorReply(new ConflictError('The version changed.')) },
    { label: 'error: upstream', reply: errorReply(new UpstreamError('Azure answered 503.')) },
    { label: 'error: bare', reply: errorCard({ title: 'x', message: 'y' }) },
    { label: 'progress: report', reply: progressCard('report') },
    { label: 'progress: a long command with markdown', reply: progressCard(`image status *${'x'.repeat(120)}*`) },
    { label: 'stopped before it finished: report', reply: interruptedCard('report') },
    { label: 'stopped before it finished: markdown and backticks', reply: interruptedCard(`image status *\`[x](http://evil)\`* ${'y'.repeat(120)}`) },
  ];
}

export async function cardSamples(): Promise<CardSample[]> {
  const [commands, stored] = await Promise.all([commandSamples(), storeSamples()]);
  return [...commands, ...stored, ...requestSamples(), ...directSamples(), ...watchEventSamples(), ...digestSamples()];
}
