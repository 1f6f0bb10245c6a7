// Hash routing: every view has its own address (#/prioritering/unit/U0001), which
// works from a bookmark, a reload and the server's SPA fallback alike.
export interface Route {
  view: string;
  parts: string[];
  params: URLSearchParams;
}

export function parseHash(hash = location.hash): Route {
  const raw = hash.replace(/^#\/?/, '');
  const [path, qs] = raw.split('?', 2);
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { view: parts[0] ?? '', parts: parts.slice(1), params: new URLSearchParams(qs ?? '') };
}

export function href(view: string, ...parts: (string | number)[]): string {
  return '#/' + [view, ...parts.map((p) => encodeURIComponent(String(p)))].join('/');
}

export function go(to: string): void {
  if (location.hash === to) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = to;
}
