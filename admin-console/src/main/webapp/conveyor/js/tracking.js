/**
 * Message tracking (#/tracking): tracked events by message ID, port, event, outcome and time (GET /api/tracking),
 * newest first; a message ID opens that message's history (#/tracking/<message ID>).
 * #/tracking?messageId=…&port=…&event=…&outcome=… fills in the search.
 */
import {api, instant, query} from './api.js';
import {el, field, statusLine} from './dom.js';
import {dataTable} from './tables.js';
import {formatTime} from './history.js';

/** The events GET /api/tracking filters by (TrackingEvent). */
const EVENTS = ['PUBLISHED', 'ROUTED', 'ATTEMPTED', 'RETRY_SCHEDULED', 'MOVED_TO_BACKUP', 'SUSPENDED', 'RESUMED',
    'TERMINATED', 'RESPONSE_PUBLISHED', 'DELIVERED'];

export function show(root, context, {parameters}) {
    const inputs = {
        messageId: el('input', {type: 'text', autocomplete: 'off', size: 38, value: parameters.get('messageId') ?? ''}),
        port: el('input', {type: 'text', autocomplete: 'off', value: parameters.get('port') ?? ''}),
        event: el('select', {}, el('option', {value: ''}, 'Any'), EVENTS.map(event => el('option', {value: event}, event))),
        outcome: el('select', {}, el('option', {value: ''}, 'Any'), el('option', {value: 'SUCCESS'}, 'Delivered (SUCCESS)'),
            el('option', {value: 'FAILURE'}, 'Failed attempt (FAILURE)')),
        from: el('input', {type: 'datetime-local'}),
        to: el('input', {type: 'datetime-local'}),
        limit: el('input', {type: 'number', min: 1, max: 1000, value: 100}),
    };
    inputs.event.value = parameters.get('event')?.toUpperCase() ?? '';
    inputs.outcome.value = parameters.get('outcome')?.toUpperCase() ?? '';
    const status = statusLine('tracking-status');
    const tableElement = el('div', {id: 'tracking-table'});
    const form = el('form', {class: 'query', role: 'search', 'aria-label': 'Search tracked events'},
        field('messageId', 'Message ID', inputs.messageId),
        field('port', 'Port', inputs.port),
        field('event', 'Event', inputs.event),
        field('outcome', 'Outcome', inputs.outcome),
        field('from', 'From', inputs.from),
        field('to', 'Before', inputs.to),
        field('limit', 'At most', inputs.limit),
        el('button', {type: 'submit', class: 'primary', id: 'query-tracking'}, 'Search'));
    root.append(el('h2', {}, 'Message tracking'),
        el('p', {class: 'note'}, 'What happened to each message, newest first; kept after delivery for the tracking '
            + 'retention time. Open a message ID for its whole history.'),
        form, status, tableElement);

    const list = dataTable(tableElement, 'Tracked events', [
        {title: 'At', field: 'at', width: 235, formatter: cell => formatTime(cell.getValue())},
        {title: 'Event', field: 'event', width: 150},
        {title: 'Message', field: 'messageId', widthGrow: 3, minWidth: 300, formatter: cell => el('a',
            {href: '#/tracking/' + encodeURIComponent(cell.getValue())}, cell.getValue())},
        {title: 'Port', field: 'port', widthGrow: 2, tooltip: true},
        {title: 'Adapter', field: 'adapter', width: 95},
        {title: 'Outcome', field: 'outcome', width: 105,
            formatter: cell => cell.getValue() === 'FAILURE' ? el('span', {class: 'badge'}, 'FAILURE') : cell.getValue() ?? ''},
        {title: 'Duration', field: 'durationMs', hozAlign: 'right', width: 100,
            formatter: cell => cell.getValue() === undefined ? '' : `${cell.getValue()} ms`},
        {title: 'Detail', field: 'detail', widthGrow: 3, tooltip: true},
    ], {index: 'id'});

    async function search() {
        try {
            const events = await api('/tracking' + query({
                messageId: inputs.messageId.value.trim(), port: inputs.port.value.trim(), event: inputs.event.value,
                outcome: inputs.outcome.value, from: instant(inputs.from.value), to: instant(inputs.to.value), limit: inputs.limit.value}));
            await list.show(events);
            status.show(`${events.length} event(s) found.`);
        } catch (error) {
            status.show(error.field ? `${error.field}: ${error.message}` : error.message, 'failed');
        }
    }

    form.addEventListener('submit', event => {
        event.preventDefault();
        search();
    });
    search();
}
