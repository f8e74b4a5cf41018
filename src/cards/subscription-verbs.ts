/**
 * The verbs of the Mute and Unsubscribe buttons on subscription event cards. `cards/watch-event.json` spells them
 * out (templates are plain JSON); the card tests check that both agree, and the Teams layer routes on these.
 * Only `subscriptionId` is read from a click's data: who may, and in which conversation, is decided on the server.
 */
export const MUTE_VERB = 'galleryops.subscription.mute';
export const UNSUBSCRIBE_VERB = 'galleryops.subscription.unsubscribe';

/** How long "Mute this subscription for 24 h" mutes. */
export const MUTE_MS = 24 * 3_600_000;
