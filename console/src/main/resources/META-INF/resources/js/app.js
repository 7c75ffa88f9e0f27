// The console's shell: sign-in, the page router (#/page?param=value) and the header.
import { api, h, session, setUnauthorizedHandler, toast } from './api.js';
import * as ask from './ask.js';
import * as explain from './explain.js';
import * as collections from './collections.js';
import * as graph from './graph.js';
import * as feedback from './feedback.js';
import * as tuning from './tuning.js';
import * as models from './models.js';
import * as system from './system.js';
import * as documentView from './document.js';

const pages = { ask, explain, collections, graph, feedback, tuning, models, system,
  document: documentView };

function route() {
  const hash = location.hash.replace(/^#\/?/, '') || 'ask';
  const cut = hash.indexOf('?');
  const [name, query] = cut < 0 ? [hash, ''] : [hash.slice(0, cut), hash.slice(cut + 1)];
  return { name: pages[name] ? name : 'ask', params: new URLSearchParams(query || '') };
}

async function show() {
  const { name, params } = route();
  for (const a of document.querySelectorAll('#nav a')) {
    a.classList.toggle('active', a.getAttribute('href') === '#/' + name);
  }
  const root = document.getElementById('page');
  root.replaceChildren();
  root.dataset.page = name;
  try {
    await pages[name].render(root, params);
  } catch (e) {
    if (e.status !== 401) toast(e.message);
  }
}

function showLogin() {
  document.getElementById('page').hidden = true;
  document.getElementById('login').hidden = false;
  document.getElementById('who').replaceChildren();
}

async function signedIn() {
  const me = await api('/api/me');
  session.user = me.user;
  session.roles = me.roles;
  document.getElementById('login').hidden = true;
  document.getElementById('page').hidden = false;
  document.getElementById('who').replaceChildren(
    h('span', { id: 'who-user' }, `${me.user} (${me.roles.join(', ')})`),
    h('button', { class: 'secondary', id: 'logout', onclick: logout }, 'Sign out'));
  await show();
}

async function logout() {
  await fetch('/api/logout', { method: 'POST' });
  showLogin();
}

document.getElementById('login-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new URLSearchParams(new FormData(event.target));
  const response = await fetch('/j_security_check', { method: 'POST', body: form,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  document.getElementById('login-error').hidden = response.ok;
  if (response.ok) await signedIn();
});

setUnauthorizedHandler(showLogin);
window.addEventListener('hashchange', () => { if (session.user) show(); });
signedIn().catch(() => showLogin());
