import { readEventGridBody } from '../../src/events/event-grid-body';

const GALLERY = '/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-images/providers/Microsoft.Compute/galleries/gal_golden';
const event = (eventType: string, subject: string, data: Record<string, unknown> = { resourceUri: subject }) => ({ id: 'x', eventType, subject, data, eventTime: '2026-12-05T08:00:00Z' });

describe('reading an Event Grid delivery', () => {
  it.each([
    ['a version written', [event('Microsoft.Resources.ResourceWriteSuccess', `${GALLERY}/images/dispatch/versions/2026.6.0`)], [`${GALLERY}/images/dispatch/versions/2026.6.0`], 0],
    ['a version deleted, id in lower case', [event('Microsoft.Resources.ResourceDeleteSuccess', `${GALLERY.toLowerCase()}/images/dispatch/versions/2026.4.0`)], [`${GALLERY.toLowerCase()}/images/dispatch/versions/2026.4.0`], 0],
    ['the subject when data has no resourceUri', [event('Microsoft.Resources.ResourceWriteSuccess', `${GALLERY}/images/dispatch`, {})], [`${GALLERY}/images/dispatch`], 0],
    ['the gallery itself', [event('Microsoft.Resources.ResourceWriteSuccess', GALLERY)], [GALLERY], 0],
    ['one id for the same resource twice', [event('Microsoft.Resources.ResourceWriteSuccess', GALLERY), event('Microsoft.Resources.ResourceWriteSuccess', GALLERY.toUpperCase())], [GALLERY], 0],
    ['a failed write is no change', [event('Microsoft.Resources.ResourceWriteFailure', GALLERY)], [], 1],
    ['a storage account is not a gallery', [event('Microsoft.Resources.ResourceWriteSuccess', '/subscriptions/1/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st')], [], 1],
  ])('%s', (_name, body, changed, ignored) => {
    expect(readEventGridBody(body)).toEqual({ kind: 'events', changed, ignored });
  });

  it('answers the validation event with its code', () => {
    expect(readEventGridBody([{ eventType: 'Microsoft.EventGrid.SubscriptionValidationEvent', data: { validationCode: 'abc' } }])).toEqual({ kind: 'validation', validationCode: 'abc' });
  });

  it.each([[{}], [null], ['text'], [[]], [[{}]], [[{ eventType: 3 }]], [[{ eventType: 'Microsoft.EventGrid.SubscriptionValidationEvent', data: { validationCode: 42 } }]], [Array.from({ length: 5001 }, () => ({ eventType: 'x' }))]])('refuses body %#', (body) => {
    expect(readEventGridBody(body).kind).toBe('bad');
  });
});
