// The shell: header with navigation and language, sign-in, and one view at a time
// in <main>. Each view is its own module, loaded when first visited.
import './style.css';
import { ApiError, whenUnauthenticated } from './api';
import { clear, h, status } from './dom';
import { currentLang, setLang, t } from './i18n';
import { href, parseHash, type Route } from './router';
import * as session from './session';
import { renderError } from './views/common';

export interface View {
  render(main: HTMLElement, route: Route): Promise<void>;
}

const views: Record<string, { title: string; load: () => Promise<View>; needs?: (p: session.Permissions) => boolean }> = {
  oversikt: { title: 'nav_overview', load: () => import('./views/overview') },
  prioritering: { title: 'nav_priority', load: () => import('./views/priority') },
  arenden: { title: 'nav_cases', load: () => import('./views/cases') },
  uppfoljning: { title: 'nav_followup', load: () => import('./views/followup') },
  planering: { title: 'nav_planning', load: () => import('./views/planning') },
  statistik: { title: 'nav_stats', load: () => import('./views/stats') },
  import: { title: 'nav_import', load: () => import('./views/imports') },
  konto: { title: 'nav_account', load: () => import('./views/account') },
};

const main = document.getElementById('main') as HTMLElement;
const header = document.getElementById('site-header') as HTMLElement;
const footer = document.getElementById('site-footer') as HTMLElement;
let renderSeq = 0;
let lastView = '';

function renderHeader(route: Route): void {
  clear(header);
  const me = session.current();
  const bar = h('div', { class: 'bar' },
    h('a', { class: 'brand', href: href('oversikt') }, t('app_name')),
    h('span', { class: 'tagline' }, t('app_tagline')),
    h('span', { class: 'spacer' }),
    me ? h('span', null, `${t('signed_in_as')} `, h('a', { href: href('konto') }, me.user), ` (${t('role_' + me.role)})`) : null,
    h('button', {
      class: 'lang-switch', type: 'button', lang: currentLang() === 'sv' ? 'en' : 'sv', id: 'lang-switch',
      onclick: () => { setLang(currentLang() === 'sv' ? 'en' : 'sv'); void route_(); },
    }, t('switch_lang')),
    me ? h('button', { class: 'lang-switch', type: 'button', id: 'sign-out', onclick: () => void doSignOut() }, t('sign_out')) : null,
  );
  header.appendChild(bar);
  if (me) {
    const ul = h('ul');
    for (const [key, v] of Object.entries(views)) {
      const current = route.view === key || (route.view === '' && key === 'oversikt');
      ul.appendChild(h('li', null, h('a', { href: href(key), 'aria-current': current ? 'page' : null }, t(v.title))));
    }
    header.appendChild(h('nav', { 'aria-label': t('nav_label') }, ul));
  }
  (document.getElementById('skip-link') as HTMLElement).textContent = t('skip');
  clear(footer);
  footer.appendChild(h('p', null, currentLang() === 'sv'
    ? 'Vaksam visar uppgifter om människor som utsatts för våld. Uppgifterna skyddas; varje åtkomst till personuppgifter loggas.'
    : 'Vaksam shows information about people exposed to violence. It is protected; every access to personal data is logged.'));
}

async function doSignOut(): Promise<void> {
  await session.signOut().catch(() => undefined);
  location.hash = '#/logga-in';
}

function renderSignIn(message?: string): void {
  document.title = `${t('sign_in')} – ${t('app_name')}`;
  clear(main);
  const nameId = 'signin-name', pwId = 'signin-password';
  const feedback = h('div', { 'aria-live': 'polite' }, message ? status(message, 'error') : null);
  const form = h('form', { class: 'signin', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: nameId }, t('user_name')),
      h('input', { id: nameId, name: 'name', autocomplete: 'username', required: true })),
    h('div', { class: 'field' }, h('label', { for: pwId }, t('password')),
      h('input', { id: pwId, name: 'password', type: 'password', autocomplete: 'current-password', required: true })),
    h('button', { type: 'submit' }, t('sign_in')),
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const fd = new FormData(form);
    clear(feedback);
    try {
      await session.signIn(String(fd.get('name') ?? ''), String(fd.get('password') ?? ''));
      const back = sessionStorage.getItem('vaksam.after') ?? '#/oversikt';
      sessionStorage.removeItem('vaksam.after');
      location.hash = back.startsWith('#/logga-in') ? '#/oversikt' : back;
    } catch (e) {
      feedback.appendChild(status(e instanceof ApiError ? e.message : String(e), 'error'));
      (document.getElementById(pwId) as HTMLInputElement).focus();
    }
  });
  main.append(h('h1', null, t('sign_in')), h('p', { class: 'intro' }, t('sign_in_intro')), feedback, form);
}

async function route_(): Promise<void> {
  const seq = ++renderSeq;
  const route = parseHash();
  document.documentElement.lang = currentLang();
  if (!session.current()) await session.load();
  if (seq !== renderSeq) return;
  if (route.view === 'logga-in' || !session.current()) {
    if (route.view !== 'logga-in' && location.hash) sessionStorage.setItem('vaksam.after', location.hash);
    renderHeader(route);
    renderSignIn();
    return;
  }
  const name = route.view || 'oversikt';
  const entry = views[name];
  renderHeader({ ...route, view: name });
  const moved = lastView !== name;
  lastView = name;
  if (!entry) {
    clear(main);
    main.append(h('h1', null, t('not_found_page')), h('p', null, h('a', { href: href('oversikt') }, t('nav_overview'))));
    return;
  }
  document.title = `${t(entry.title)} – ${t('app_name')}`;
  clear(main);
  main.appendChild(status(t('loading')));
  main.setAttribute('aria-busy', 'true');
  try {
    const view = await entry.load();
    if (seq !== renderSeq) return;
    const fresh = h('div');
    await view.render(fresh, route);
    if (seq !== renderSeq) return;
    clear(main);
    main.appendChild(fresh);
    if (!performance.getEntriesByName('vaksam:first-render').length) performance.mark('vaksam:first-render', { detail: { view: name } });
  } catch (e) {
    if (seq !== renderSeq) return;
    clear(main);
    main.appendChild(renderError(e));
  } finally {
    main.removeAttribute('aria-busy');
    main.dataset.view = name;
    main.dataset.ready = String(seq);
    window.dispatchEvent(new CustomEvent('vaksam:rendered', { detail: { view: name } }));
  }
  // Moving between views puts focus on the new content, as a page load would.
  if (moved && document.activeElement !== document.body) main.focus({ preventScroll: false });
}

whenUnauthenticated(() => {
  session.forget();
  if (parseHash().view !== 'logga-in') {
    sessionStorage.setItem('vaksam.after', location.hash);
    renderHeader(parseHash());
    renderSignIn(t('session_expired'));
  }
});

setLang(currentLang());
window.addEventListener('hashchange', () => void route_());
void route_();
