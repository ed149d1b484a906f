/**
 * One suspended work item (#/suspended/<message ID>/<work item>): the work item and its error (GET /api/messages/{id}),
 * its message's context, its delivery attempts (the ATTEMPTED events of GET /api/messages/{id}/history), a preview of
 * the body and its download (GET /api/messages/{id}/body, operators and administrators only); operators resume or
 * terminate it as from the suspended queue.
 */
import {api, apiBytes} from './api.js';
import {el, statusLine} from './dom.js';
import {dataTable} from './tables.js';
import {formatTime, timeline} from './history.js';
import {control} from './suspended.js';

/** How much of a body the preview shows. */
const PREVIEW_BYTES = 4096;

export function show(root, context, {segments: [messageId, workItemId]}) {
    const path = `/messages/${encodeURIComponent(messageId)}`;
    const status = statusLine('instance-status');
    const facts = el('dl', {id: 'work-item', class: 'facts'});
    const error = el('pre', {id: 'work-item-error', class: 'detail'});
    const attempts = el('ol', {id: 'attempts', class: 'timeline', 'aria-label': 'Delivery attempts'});
    const body = el('div', {id: 'body'});
    const contextElement = el('div', {id: 'context-table'});
    const actions = el('div', {class: 'actions'},
        el('button', {type: 'button', id: 'resume-work-item', onclick: () => act('resume', 'Resume')}, 'Resume'),
        el('button', {type: 'button', id: 'terminate-work-item', class: 'danger',
            onclick: () => act('terminate', 'Terminate')}, 'Terminate'));
    root.append(el('h2', {}, `Suspended work item ${workItemId}`),
        el('p', {}, 'Of message ', el('code', {}, messageId), ' · ',
            el('a', {href: '#/tracking/' + encodeURIComponent(messageId), id: 'history-link'}, 'Its history'), ' · ',
            el('a', {href: '#/suspended'}, 'Back to the suspended queue')),
        context.canOperate ? actions : null, status,
        el('h3', {}, 'Work item'), facts, error,
        el('h3', {}, 'Attempts'), attempts,
        el('h3', {}, 'Body'), body,
        el('h3', {}, 'Context'), contextElement);
    const properties = dataTable(contextElement, 'Context properties of the message', [
        {title: 'Name', field: 'name', widthGrow: 2},
        {title: 'Namespace', field: 'namespace', widthGrow: 3},
        {title: 'Value', field: 'value', widthGrow: 3, formatter: 'textarea'},
        {title: 'Promoted', field: 'promoted', width: 110, formatter: cell => cell.getValue() ? 'yes' : 'no'},
    ]);

    async function load() {
        let message;
        try {
            message = await api(path);
        } catch (failure) {
            status.show(failure.status === 404 ? `Message ${messageId} is no longer in the MessageBox: delivered, or `
                + 'terminated. Its history tells which.' : failure.message, 'failed');
            return;
        }
        const item = message.workItems.find(candidate => candidate.id === workItemId);
        if (!item) {
            status.show(`Work item ${workItemId} is no longer in the MessageBox: delivered, or terminated.`, 'failed');
            actions.querySelectorAll('button').forEach(button => { button.disabled = true; });
        } else {
            showWorkItem(item);
        }
        await properties.show(message.context.map(property => ({...property,
            value: property.value === null ? '' : String(property.value)})));
        showBody(message);
        showAttempts();
    }

    function showWorkItem(item) {
        const rows = [['Port', item.port], ['Adapter', item.errorAdapter ?? item.adapter],
            ['Address', item.errorAddress ?? item.address], ['State', item.state], ['Attempts', item.attempts],
            ['Suspended at', formatTime(item.suspendedAt)]];
        facts.replaceChildren(...rows.flatMap(([name, value]) => [el('dt', {}, name), el('dd', {}, String(value ?? ''))]));
        error.textContent = item.errorText ?? '';
        actions.querySelectorAll('button').forEach(button => { button.disabled = !item.state.startsWith('SUSPENDED'); });
        actions.querySelector('#resume-work-item').disabled = item.state !== 'SUSPENDED';
    }

    async function showAttempts() {
        try {
            const history = await api(path + '/history');
            const tried = history.filter(event => event.event === 'ATTEMPTED' && event.workItemId === workItemId);
            if (tried.length) timeline(attempts, tried);
            else attempts.replaceChildren(el('li', {class: 'note'}, 'No attempt recorded.'));
        } catch (failure) {
            attempts.replaceChildren(el('li', {class: 'note'}, failure.status === 404
                ? 'Not tracked: the port\'s tracking is OFF, or the events are older than the retention time.'
                : failure.message));
        }
    }

    async function showBody(message) {
        const [part, ...others] = message.parts;
        if (!part) {
            body.replaceChildren(el('p', {class: 'note'}, 'The message has no body.'));
            return;
        }
        const described = `${part.name}, ${part.size} bytes, ${part.contentType ?? 'no content type'}`;
        if (!context.canOperate) {
            body.replaceChildren(el('p', {class: 'note', id: 'body-note'},
                `${described}. Bodies are shown to operators and administrators only.`));
            return;
        }
        const downloads = message.parts.map((each, index) => el('a', {class: 'button', download: '',
            id: index === 0 ? 'download-body' : null,
            href: `/api${path}/body` + (index === 0 ? '' : '?part=' + encodeURIComponent(each.name))},
        `Download ${each.name} (${each.size} bytes)`));
        body.replaceChildren(el('p', {id: 'body-note'}, described + (others.length ? `; ${others.length} more part(s)` : '')),
            el('div', {class: 'actions'}, downloads));
        try {
            const {bytes, complete} = await apiBytes(path + '/body', PREVIEW_BYTES);
            const text = textOf(bytes, part);
            if (text === null) {
                body.append(el('p', {class: 'note'}, 'It does not look like text: download it to see it.'));
                return;
            }
            body.append(el('pre', {id: 'body-preview', class: 'preview', tabindex: 0, 'aria-label': 'Body preview'}, text),
                complete ? null : el('p', {class: 'note'}, `The first ${PREVIEW_BYTES} bytes of ${part.size}.`));
        } catch (failure) {
            body.append(el('p', {class: 'status failed'}, failure.message));
        }
    }

    async function act(operation, verb) {
        if (await control(operation, verb, [workItemId], status)) await load();
    }

    load();
}

/**
 * The body's first bytes as text when it looks textual (a text, XML or JSON content type, or else UTF-8 without NUL
 * bytes), else null.
 */
function textOf(bytes, part) {
    const type = (part.contentType ?? '').toLowerCase();
    const declared = /^text\/|[/+](xml|json)\b|javascript|csv/.test(type);
    let decoder;
    try {
        decoder = new TextDecoder(part.charset ?? 'utf-8', {fatal: !declared});
    } catch (e) {
        decoder = new TextDecoder('utf-8', {fatal: !declared});
    }
    if (!declared && bytes.includes(0)) return null;
    try {
        return decoder.decode(bytes, {stream: true});
    } catch (e) {
        return null;
    }
}
