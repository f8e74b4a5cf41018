const LABELS: Record<string, string> = {
  'galleries/images/versions': 'gallery image version',
  images: 'managed image',
  virtualmachines: 'virtual machine',
  snapshots: 'snapshot',
  disks: 'managed disk',
};

/**
 * ARM ids are too long for a card line: keep the resource kind and names, drop the subscription and resource
 * group prefix (the card shows the full id on request). URIs keep their last path segment.
 */
export function shortenResourceId(id: string): string {
  const at = id.toLowerCase().lastIndexOf('/providers/');
  if (at < 0) {
    const last = id.split(/[/?#]/).filter(Boolean);
    return last.length > 1 ? `…/${last[last.length - 1]!.slice(0, 120)}` : id.slice(0, 120);
  }
  const segments = id.slice(at + '/providers/'.length).split('/').filter(Boolean).slice(1); // drop the namespace
  const types: string[] = [];
  const names: string[] = [];
  segments.forEach((s, i) => (i % 2 === 0 ? types : names).push(s));
  const kind = LABELS[types.join('/').toLowerCase()] ?? types[types.length - 1] ?? 'resource';
  return `${kind} ${names.join('/')}`.slice(0, 160);
}
