/**
 * The verbs of the buttons on a change-request card. `cards/change-request.json` spells them out (templates
 * are plain JSON); the card tests check that both agree, and the Teams layer routes on these constants.
 * Only `requestId` is read from a click's data: everything else is decided again on the server.
 */
export const APPROVE_VERB = 'galleryops.approve';
export const REJECT_VERB = 'galleryops.reject';
/** Sent by Teams (`refresh`, automatic trigger) when a listed user opens the card, to get their own view. */
export const REFRESH_VERB = 'galleryops.refresh';
