import type { ImageDefinition } from '../gallery/model';
import { bodyLine } from './status-mark';

/**
 * A gallery's or definition's provisioning state, when it is not Succeeded: a list must not present a gallery
 * being created, or a definition whose last update failed, like any other. Empty text when there is nothing to
 * say (Succeeded, or not reported). Not escaped: ARM's state names are plain words.
 */
export function provisioningLine(what: 'Gallery' | 'Definition', state: string | undefined): { text: string; color: 'default' | 'attention' } {
  if (state === undefined || state === '' || state.toLowerCase() === 'succeeded') return { text: '', color: 'default' };
  if (state.toLowerCase() === 'failed') return bodyLine(`${what} provisioning Failed: its last change did not complete in Azure`, 'attention');
  return bodyLine(`${what} provisioning: ${state}`, 'progress');
}

/** `TrustedLaunch`, `ConfidentialVM`…: the definition's `SecurityType` feature, which decides what VMs it can start. */
export function securityTypeOf(image: ImageDefinition): string | undefined {
  return image.more?.features.find((f) => f.name.toLowerCase() === 'securitytype')?.value;
}
