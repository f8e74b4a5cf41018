import { errorCard } from '../cards/error-card';
import { runButton } from '../cards/run-button';
import { ConflictError, DamagedRecordError, ForbiddenError, NotFoundError, StoreError, StoreOutcomeUnknownError, ThrottledError, UpstreamError, UsageError, type UserFacingError } from '../errors';
import { NoSuchNameError } from '../gallery/no-such-name-error';
import type { RegisteredCommand } from './command-spec';
import type { CardReply } from '../cards/reply';

/** The command being run when an error happened, so the reply can offer its help page and fixed-up retries. */
export interface FailedCommand {
  command: RegisteredCommand;
  words: string[];
  args: string[];
}

/** Turns a user-facing error into the card the user sees. Only typed errors come here; others propagate. */
export function errorReply(err: UserFacingError, failed?: FailedCommand): CardReply {
  const helpCommand = failed ? `help ${failed.command.name}` : 'help';
  if (err instanceof UsageError) {
    return errorCard({ title: 'I could not read that', message: err.userMessage, usage: err.usage, color: 'warning', helpCommand });
  }
  if (err instanceof NotFoundError) {
    const suggestions = failed && failed.command.readOnly && err instanceof NoSuchNameError ? retries(failed, err) : [];
    return errorCard({ title: 'Not found', message: err.userMessage, suggestions, helpCommand, color: 'warning' });
  }
  if (err instanceof ThrottledError) {
    const wait = err.retryAfterSeconds ? ` Try again in ${Math.ceil(err.retryAfterSeconds)} s.` : ' Try again in a minute.';
    return errorCard({ title: 'Azure is busy', message: `${err.userMessage}${wait}`, color: 'warning', helpCommand });
  }
  const title =
    err instanceof ForbiddenError
      ? 'Not allowed'
      : err instanceof ConflictError
        ? 'Changed meanwhile'
        : err instanceof UpstreamError
          ? 'Azure did not answer'
          : err instanceof DamagedRecordError
            ? 'Damaged request record'
            : err instanceof StoreError
              ? 'Not recorded'
              : err instanceof StoreOutcomeUnknownError
                ? 'Not sure it was recorded'
                : 'That did not work';
  return errorCard({ title, message: err.userMessage, helpCommand });
}

/** The same command with each suggestion in place of what the user typed. */
function retries(failed: FailedCommand, err: NoSuchNameError): ReturnType<typeof runButton>[] {
  const typed = failed.args.map((a) => (a.includes(' ') ? `"${a}"` : a)).join(' ');
  const at = findWords(typed, err.input);
  if (at < 0) return [];
  return err.suggestions.map((s) => {
    const args = `${typed.slice(0, at)}${s}${typed.slice(at + err.input.length)}`;
    return runButton(s, `${failed.command.name} ${args}`.trim());
  });
}

/** Index of `needle` in `hay` as whole words, ignoring case; -1 when absent. */
function findWords(hay: string, needle: string): number {
  const h = ` ${hay.toLowerCase()} `;
  const i = h.indexOf(` ${needle.toLowerCase()} `);
  return i < 0 ? -1 : i;
}
