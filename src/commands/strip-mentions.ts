/**
 * Teams delivers channel and group-chat messages as `<at>GalleryOps</at> versions x`. The Teams layer removes
 * the mention entity; this also covers text that still carries the tag (other clients, card-submitted text)
 * and a typed `@GalleryOps` at the start.
 */
export function stripMentions(text: string, botNames: readonly string[]): string {
  const names = new Set(botNames.map((n) => n.trim().toLowerCase()));
  const withoutTags = text.replace(/<at(?:\s[^>]*)?>([\s\S]*?)<\/at>/gi, (_m, inner: string) =>
    // Another person's mention keeps its name as plain text; only the bot's own disappears.
    names.has(inner.trim().toLowerCase()) ? ' ' : ` ${inner} `,
  );
  const leading = withoutTags.trimStart();
  for (const name of names) {
    if (leading.toLowerCase().startsWith(`@${name}`) && !/[\w-]/.test(leading.charAt(name.length + 1))) {
      return leading.slice(name.length + 1);
    }
  }
  return withoutTags;
}
