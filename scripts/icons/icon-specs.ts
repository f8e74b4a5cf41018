/** The two icons Teams requires, by manifest role: file name in the package and edge length in pixels. */
export const ICON_SPECS = {
  color: { file: 'color.png', size: 192 },
  outline: { file: 'outline.png', size: 32 },
} as const;

/** A manifest icon role (`icons.color`, `icons.outline`). */
export type IconRole = keyof typeof ICON_SPECS;
