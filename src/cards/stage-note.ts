import type { ResolvedImage } from '../gallery/name-resolution';
import { escapeMarkdown } from './escape-text';

/** "Resolved to production (gal_golden); also in staging (gal_staging)." — empty when no stage rule applied. */
export function stageNote(resolved: Pick<ResolvedImage, 'stage'>): string {
  const s = resolved.stage;
  if (!s) return '';
  const ref = (r: { stage: string; gallery: string }): string => `${r.stage} (${r.gallery})`;
  const others = s.others.length ? `; also in ${s.others.map(ref).join(', ')}` : '';
  return escapeMarkdown(`Resolved to ${ref(s.chosen)}${others}. Qualify the name (gallery/image) for another stage.`);
}
