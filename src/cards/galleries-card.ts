import type { Gallery, ImageDefinition } from '../gallery/model';
import { sameGallery } from '../gallery/qualified-name';
import type { CardReply } from './reply';
import { wideScope, type CardScope } from './card-scope';
import { countOf } from './count-words';
import { escapeMarkdown } from './escape-text';
import { withIcon } from './status-mark';
import { paginate } from './paging';
import { provisioningLine } from './provisioning-line';
import type { RunButton } from './run-button';

export const GALLERIES_PAGE_SIZE = 20;

export interface GalleriesCardData extends CardScope {
  title: string;
  paging: string;
  empty: string;
  galleries: { name: string; facts: string; state: string; stateColor: string; where: string; command: string }[];
  buttons: RunButton[];
}

/** The `galleries` card: sharing mode, definition count, location, provisioning (unless Succeeded) and address of each gallery in scope. */
export function galleriesCard(input: {
  galleries: readonly Gallery[];
  images: readonly ImageDefinition[];
  page: number;
  readAt: Date;
  scopeLabel: string;
  /** How to type each gallery unambiguously (resourceGroup/gallery when a name repeats). */
  qualify: (g: Gallery) => string;
}): CardReply<GalleriesCardData> {
  const sorted = [...input.galleries].sort((a, b) => a.gallery.localeCompare(b.gallery) || a.id.localeCompare(b.id));
  const page = paginate(sorted, input.page, GALLERIES_PAGE_SIZE, (n) => `galleries page ${n}`);
  const data: GalleriesCardData = {
    ...wideScope(input.scopeLabel, input.readAt),
    title: `Galleries (${sorted.length})`,
    paging: page.text,
    empty: sorted.length ? '' : 'No galleries in scope. Check the bot\'s scopes and its Reader role.',
    galleries: page.items.map((g) => {
      const count = input.images.filter((i) => sameGallery(i, g)).length;
      const shared = g.sharing === 'Private' ? 'Private' : `${g.sharing}${g.sharedWith.length ? ` with ${g.sharedWith.length}` : ''}`;
      const state = provisioningLine('Gallery', g.provisioningState);
      return {
        name: escapeMarkdown(g.gallery),
        // Shared beyond Private is worth noticing: the ⚠ says so (the old yellow text was hard to read).
        facts: withIcon(escapeMarkdown(`${shared} · ${count} ${count === 1 ? 'definition' : 'definitions'} · ${g.location}`), g.sharing === 'Private' ? 'default' : 'warning'),
        state: escapeMarkdown(state.text),
        stateColor: state.color,
        where: escapeMarkdown(`subscription ${g.subscriptionId} · resource group ${g.resourceGroup}`),
        command: `images ${input.qualify(g)}`,
      };
    }),
    buttons: page.buttons,
  };
  return { kind: 'card', template: 'galleries', data, summary: `${countOf(sorted.length, 'gallery', 'galleries')} in scope` };
}
