import { join } from 'node:path';
import { projectRoot } from '../project-root';

/** The project-root `cards/` folder, found from sources under jest and from `dist/src/cards` alike. */
export function findCardsDir(start: string = __dirname): string {
  return join(projectRoot(start), 'cards');
}
