import type { CardReply } from './reply';
import { latestVersion } from '../gallery/version-match';
import type { Gallery, ImageDefinition, ImageVersion } from '../gallery/model';
import { galleryScope, wideScope, type CardScope } from './card-scope';
import { escapeMarkdown } from './escape-text';
import { describeEol } from './format-date';
import { provisioningLine, securityTypeOf } from './provisioning-line';
import { bodyLine, type Tone } from './status-mark';
import type { Page } from './paging';
import type { RunButton } from './run-button';

export const IMAGES_PAGE_SIZE = 15;

export interface ImagesCardData extends CardScope {
  title: string;
  paging: string;
  empty: string;
  images: { name: string; kind: string; state: string; stateColor: string; product: string; latest: string; eol: string; eolColor: string; command: string }[];
  buttons: RunButton[];
}

/** One definition on the page with its versions (read for this page only: ARM needs one list call each). */
export interface ImageRow {
  image: ImageDefinition;
  /** How to type it unambiguously; also what the row's button runs `versions` on. */
  qualified: string;
  versions: readonly ImageVersion[];
}

/** The `images` card: OS, generation, security type, provisioning (unless Succeeded), publisher/offer/SKU, latest version and EOL per definition. */
export function imagesCard(input: {
  /** The gallery asked for, or undefined for every gallery in scope. */
  gallery?: Gallery;
  page: Page<ImageRow>;
  total: number;
  readAt: Date;
  scopeLabel: string;
}): CardReply<ImagesCardData> {
  const { page, readAt } = input;
  const scope = input.gallery ? galleryScope(input.gallery, readAt) : wideScope(input.scopeLabel, readAt);
  const data: ImagesCardData = {
    ...scope,
    title: `Image definitions${input.gallery ? ` in ${escapeMarkdown(input.gallery.gallery)}` : ''} (${input.total})`,
    paging: page.text,
    empty: input.total ? '' : 'No image definitions here.',
    images: page.items.map(({ image, qualified, versions }) => {
      const latest = latestVersion(versions);
      const eol = describeEol(image.endOfLifeDate, readAt);
      const security = securityTypeOf(image);
      const kind = [image.osType, image.osState, image.hyperVGeneration, image.architecture, security ? `security type ${security}` : undefined].filter(Boolean).join(' · ');
      const state = provisioningLine('Definition', image.provisioningState);
      return {
        name: escapeMarkdown(input.gallery ? image.image : `${image.gallery}/${image.image}`),
        kind: escapeMarkdown(kind),
        state: escapeMarkdown(state.text),
        stateColor: state.color,
        product: escapeMarkdown(`${image.publisher} / ${image.offer} / ${image.sku}`),
        latest: escapeMarkdown(
          latest ? `Latest ${latest.version} of ${versions.length}` : versions.length ? `No version eligible for latest (${versions.length} excluded)` : 'No versions',
        ),
        ...eolLine(`Definition end of life: ${eol.text}`, eol.tone),
        command: `versions ${qualified}`,
      };
    }),
    buttons: page.buttons,
  };
  const where = input.gallery ? ` in ${input.gallery.gallery}` : '';
  return { kind: 'card', template: 'images', data, summary: `${input.total} image definitions${where}` };
}

function eolLine(text: string, tone: Tone): { eol: string; eolColor: string } {
  const line = bodyLine(text, tone);
  return { eol: line.text, eolColor: line.color };
}
