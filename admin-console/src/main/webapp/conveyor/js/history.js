/**
 * One message's history (GET /api/messages/{id}/history) at #/tracking/<message ID>: its tracked events in the order
 * they happened, as a timeline, failures marked. `timeline` draws such a list for other pages too.
 */
import {api} from './api.js';
import {el, statusLine} from './dom.js';

/** Events that mean a delivery went wrong, besides a failed attempt. */
const FAILURE_EVENTS = new Set(['SUSPENDED', 'TERMINATED', 'MOVED_TO_BACKUP']);

export function show(root, context, {segments: [messageId]}) {
    const status = statusLine('history-status');
    const events = el('ol', {id: 'history', class: 'timeline', 'aria-label': `Events of message ${messageId}`});
    root.append(el('h2', {}, 'Message history'),
        el('p', {}, 'Message ', el('code', {id: 'history-message'}, messageId), ' · ',
            el('a', {href: '#/tracking?messageId=' + encodeURIComponent(messageId)}, 'Its events on the tracking page')),
        status, events);
    api(`/messages/${encodeURIComponent(messageId)}/history`)
        .then(history => {
            timeline(events, history);
            status.show(`${history.length} event(s), oldest first.`);
        })
        .catch(error => status.show(error.message, 'failed'));
}

/** Fills the list `element` with one entry per tracked event: time, event, where, outcome, duration and detail. */
export function timeline(element, events) {
    element.replaceChildren(...events.map(event => {
        const failed = event.outcome === 'FAILURE' || FAILURE_EVENTS.has(event.event);
        const facts = [
            ['Port', event.port], ['Work item', event.workItemId], ['Adapter', event.adapter],
            ['Address', event.address], ['Outcome', event.outcome],
            ['Duration', event.durationMs === undefined ? undefined : `${event.durationMs} ms`],
        ].filter(([, value]) => value !== undefined && value !== null);
        return el('li', {class: failed ? 'event failure' : 'event', dataset: {event: event.event}},
            el('div', {class: 'event-head'},
                el('time', {datetime: event.at}, formatTime(event.at)),
                el('strong', {}, event.event),
                failed ? el('span', {class: 'badge'}, 'failure') : null),
            facts.length
                ? el('dl', {class: 'facts'}, facts.flatMap(([name, value]) => [el('dt', {}, name), el('dd', {}, value)]))
                : null,
            event.detail ? el('pre', {class: 'detail'}, event.detail) : null);
    }));
}

/** An ISO-8601 instant as `2026-11-29 15:20:01.123 UTC`, the same for everyone who reads it. */
export function formatTime(instant) {
    return instant ? new Date(instant).toISOString().replace('T', ' ').replace('Z', ' UTC') : '';
}
