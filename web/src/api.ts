// The API client: same-origin requests with the session cookie, the CSRF token
// (handed out once at sign-in, kept for the tab's life) on every change, and errors
// as ApiError with the server's stable code and its message in the chosen language.
import { currentLang } from './i18n';

const CSRF_KEY = 'vaksam.csrf';

export class ApiError extends Error {
  constructor(
    public status: number,
    public code: string,
    message: string,
    public body: any = null,
    public route = '',
  ) {
    super(message);
  }
  get missing(): boolean {
    // A route the server does not have (yet): 404 with code not_found, or 405.
    return (this.status === 404 && this.code === 'not_found') || this.status === 405;
  }
}

export function setCsrf(token: string | null): void {
  if (token) sessionStorage.setItem(CSRF_KEY, token);
  else sessionStorage.removeItem(CSRF_KEY);
}

let onUnauthenticated: (() => void) | null = null;
export function whenUnauthenticated(f: () => void): void {
  onUnauthenticated = f;
}

export async function api<T = any>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  if (method !== 'GET') {
    const csrf = sessionStorage.getItem(CSRF_KEY);
    if (csrf) headers['X-CSRF-Token'] = csrf;
  }
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
  } catch (e) {
    throw new ApiError(0, 'network', currentLang() === 'sv' ? 'Servern svarar inte' : 'The server does not answer', null, path);
  }
  if (res.status === 204) return null as T;
  const type = res.headers.get('content-type') ?? '';
  const data = type.includes('json') ? await res.json().catch(() => null) : null;
  if (!res.ok) {
    const err = data?.error ?? {};
    const message = (currentLang() === 'sv' ? err.message_sv : err.message_en) ?? `HTTP ${res.status}`;
    const e = new ApiError(res.status, err.code ?? (type.includes('json') ? 'unknown' : 'not_found'), message, data, path);
    if (res.status === 401 && path !== '/api/session' && onUnauthenticated) onUnauthenticated();
    throw e;
  }
  return data as T;
}

export const get = <T = any>(path: string) => api<T>('GET', path);
export const post = <T = any>(path: string, body?: unknown) => api<T>('POST', path, body);

export function query(params: Record<string, string | number | boolean | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
