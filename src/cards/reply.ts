/**
 * What a command handler answers. Handlers never build Bot Framework activities: the Teams layer turns a Reply
 * into an activity (text, or the card template in `cards/<template>.json` expanded with `data`).
 */
export type Reply = TextReply | CardReply;

export interface TextReply {
  kind: 'text';
  /** Plain text (Teams renders a subset of markdown; names from ARM are escaped by the builder). */
  text: string;
  /**
   * The same answer in one short plain sentence, for where Teams shows text without markdown and cuts it short:
   * the answer to a clicked card button, shown under the card. Without it, `text` is shown there.
   */
  brief?: string;
}

export interface CardReply<TData extends object = object> {
  kind: 'card';
  /** File name (without `.json`) of an Adaptive Card template in `cards/`. */
  template: string;
  /** The template's data, built by a pure function in `src/cards/` (its type is the template's contract). */
  data: TData;
  /** One line for notifications and clients that cannot show cards. */
  summary: string;
  /**
   * A change request's card: once sent, the Teams layer records where, so the card can be updated after each
   * decision; `announce` (a new request) also posts it to the approvals channel and tells the approvers.
   */
  tracks?: { requestId: string; announce: boolean };
  /** Words sent as their own message just before the card (they must outlive later updates of the card). */
  preface?: string;
}
