/** What `help` shows of a command: the card layer's view of a command's declared facts. */
export interface HelpTopic {
  /** Canonical name, possibly several words (`image status`). */
  name: string;
  /** Other names, e.g. `status` for `image status`. */
  aliases: string[];
  /** One line for `help` and the manifest. */
  summary: string;
  /** `image status <image> [<version>|latest]`. */
  usage: string;
  /**
   * Complete command lines that work on the demo data. `{in N days}` stands for the UTC day N days from when the
   * example is shown, so an example date never goes stale (see exampleText in help-card).
   */
  examples: string[];
  /** Read-only commands may run from card buttons; anything that changes state must be typed. */
  readOnly: boolean;
  /** Not read-only, yet it changes nothing itself (it creates a change request approvers decide): it may run from a button. */
  asksApproval?: boolean;
  /** Accepts a trailing `page N`. */
  paged: boolean;
}
