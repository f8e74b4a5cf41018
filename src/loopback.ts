/** Whether a host name is this machine (`localhost`, `::1` or any 127.x.x.x): where plain http is acceptable. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '');
  return bare === 'localhost' || bare === '::1' || /^127\.\d+\.\d+\.\d+$/.test(bare);
}

/** Whether a URL points at this machine (see isLoopbackHost). */
export function isLoopbackUrl(url: string): boolean {
  return isLoopbackHost(new URL(url).hostname);
}
