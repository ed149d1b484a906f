/**
 * The console's frame: who is signed in (GET /api/me), the page named by the URL's fragment (#/overview, #/ports, …),
 * and what the caller's roles allow, which each page uses to offer only that. A fragment with more segments opens one
 * thing of a page: #/tracking/<message ID> a message's history, #/suspended/<message ID>/<work item> a suspended
 * work item; a query (#/tracking?messageId=…) fills in a page's search.
 */
import {api, ApiError} from './api.js';
import {el} from './dom.js';
import * as overview from './overview.js';
import * as ports from './ports.js';
import * as suspended from './suspended.js';
import * as adapters from './adapters.js';
import * as bindings from './bindings.js';
import * as tracking from './tracking.js';
import * as history from './history.js';
import * as instance from './instance.js';
import * as publish from './publish.js';

const PAGES = {overview, ports, suspended, tracking, adapters, bindings, publish};
/** The pages that open one thing of a page, by the page's name. */
const ITEM_PAGES = {tracking: history, suspended: instance};
const main = document.getElementById('main');
let leave = null;

function route(context) {
    const [path, search = ''] = location.hash.replace(/^#\/?/, '').split('?');
    const [name = 'overview', ...segments] = path.split('/').filter(Boolean).map(decodeURIComponent);
    const page = (segments.length ? ITEM_PAGES[name] : PAGES[name]) ?? overview;
    if (leave) leave();
    leave = null;
    document.querySelectorAll('header nav a').forEach(link => {
        if (link.getAttribute('href') === '#/' + name) link.setAttribute('aria-current', 'page');
        else link.removeAttribute('aria-current');
    });
    main.replaceChildren();
    leave = page.show(main, context, {segments, parameters: new URLSearchParams(search)}) ?? null;
    document.title = `${main.querySelector('h2')?.textContent ?? 'Conveyor'} · Conveyor console`;
}

async function start() {
    let me;
    try {
        me = await api('/me');
    } catch (error) {
        const why = error instanceof ApiError && error.status === 403
            ? 'You are signed in, but in none of the roles conveyor-viewer, -operator, -admin or -publisher.'
            : `The REST API did not answer: ${error.message}`;
        main.replaceChildren(el('h2', {}, 'Conveyor console'), el('p', {class: 'status failed', role: 'alert'}, why));
        return;
    }
    const roles = new Set(me.roles);
    const context = {
        user: me.user,
        roles,
        canOperate: roles.has('conveyor-operator') || roles.has('conveyor-admin'),
        canAdminister: roles.has('conveyor-admin'),
        canPublish: roles.has('conveyor-publisher'),
        managementConsole: me.managementConsole,
    };
    document.getElementById('nav-publish').hidden = !context.canPublish;
    document.getElementById('user').textContent =
        `${me.user} (${me.roles.map(role => role.replace('conveyor-', '')).join(', ') || 'no role'})`;
    window.addEventListener('hashchange', () => {
        route(context);
        main.focus();
    });
    route(context);
}

start();
