/**
 * A file GalleryOps cannot use (the policy, the desired state): one message listing every problem, so the
 * operator can fix them all at once; `problems` for callers that merge them into a longer list.
 */
export class DocumentProblemsError extends Error {
  constructor(readonly problems: string[], source: string) {
    super(`GalleryOps cannot use ${source}; fix these problems:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}
