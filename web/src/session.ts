// Who is signed in, kept for the page's life (the server is the authority: a 401
// anywhere sends the user back to sign-in).
import { api, setCsrf } from './api';

export interface Permissions {
  case_text: 'full' | 'redacted' | 'none';
  full_text_only_when_assigned: boolean;
  case_records: boolean;
  pseudonyms: boolean;
  aggregates: boolean;
  risk_and_followup: boolean;
  audit_trail: boolean;
  write: boolean;
  administer: boolean;
}

export interface Me {
  user: string;
  role: string;
  authenticated_by: string;
  permissions: Permissions;
  assigned_units: string[];
  allowed_routes: string[];
}

let me: Me | null = null;

export function current(): Me | null {
  return me;
}

export async function load(): Promise<Me | null> {
  try {
    me = await api<Me>('GET', '/api/session');
  } catch {
    me = null;
  }
  return me;
}

export async function signIn(name: string, password: string): Promise<Me> {
  const r = await api<Me & { csrf_token: string }>('POST', '/api/session', { name, password });
  setCsrf(r.csrf_token);
  me = r;
  return r;
}

export async function signOut(): Promise<void> {
  try {
    await api('DELETE', '/api/session');
  } finally {
    setCsrf(null);
    me = null;
  }
}

export function forget(): void {
  setCsrf(null);
  me = null;
}
