/**
 * The suspended queue: query it by port, adapter, error text and suspension time (GET /api/suspended); operators resume
 * or terminate a selection (POST /api/suspended/resume, /terminate), or everything the query matches beyond the rows
 * shown (counted by GET /api/suspended/count), after confirming, and see how many were applied. A work item's
 * identity opens it (#/suspended/<message ID>/<work item>).
 */
import {api, instant, query} from './api.js';
import {el, field, statusLine} from './dom.js';
import {dataTable} from './tables.js';

export function show(root, context) {
    const inputs = {
        port: el('input', {type: 'text', autocomplete: 'off'}),
        adapter: el('input', {type: 'text', autocomplete: 'off'}),
        error: el('input', {type: 'text', autocomplete: 'off'}),
        from: el('input', {type: 'datetime-local'}),
        to: el('input', {type: 'datetime-local'}),
        limit: el('input', {type: 'number', min: 1, max: 1000, value: 100}),
    };
    const status = statusLine('suspended-status');
    const tableElement = el('div', {id: 'suspended-table'});
    const form = el('form', {class: 'query', role: 'search', 'aria-label': 'Query the suspended queue'},
        field('port', 'Port', inputs.port),
        field('adapter', 'Adapter', inputs.adapter),
        field('error', 'Error contains', inputs.error),
        field('from', 'Suspended from', inputs.from),
        field('to', 'Suspended before', inputs.to),
        field('limit', 'At most', inputs.limit),
        el('button', {type: 'submit', class: 'primary', id: 'query-suspended'}, 'Search'));
    const resume = el('button', {type: 'button', id: 'resume-selected', onclick: () => act('resume', 'Resume')}, 'Resume selected');
    const terminate = el('button', {type: 'button', id: 'terminate-selected', class: 'danger',
        onclick: () => act('terminate', 'Terminate')}, 'Terminate selected');
    const resumeMatching = el('button', {type: 'button', id: 'resume-matching',
        onclick: () => actOnMatching('resume', 'Resume')}, 'Resume all matching');
    const terminateMatching = el('button', {type: 'button', id: 'terminate-matching', class: 'danger',
        onclick: () => actOnMatching('terminate', 'Terminate')}, 'Terminate all matching');
    root.append(el('h2', {}, 'Suspended queue'), form,
        ...(context.canOperate ? [el('div', {class: 'actions'}, resume, terminate, resumeMatching, terminateMatching)] : []),
        status, tableElement);

    const columns = [
        {title: 'Work item', field: 'id', width: 110, formatter: cell => el('a', {href: '#/suspended/'
            + encodeURIComponent(cell.getData().messageId) + '/' + encodeURIComponent(cell.getValue())}, cell.getValue())},
        {title: 'Port', field: 'port'},
        {title: 'Adapter', field: 'errorAdapter'},
        {title: 'State', field: 'state'},
        {title: 'Suspended at', field: 'suspendedAt'},
        {title: 'Attempts', field: 'attempts', hozAlign: 'right', width: 100},
        {title: 'Error', field: 'errorText', widthGrow: 3, formatter: 'textarea'},
        {title: 'Message', field: 'messageId', widthGrow: 2},
    ];
    if (context.canOperate) {
        columns.unshift({formatter: 'rowSelection', titleFormatter: 'rowSelection', hozAlign: 'center', headerSort: false,
            width: 50});
    }
    const list = dataTable(tableElement, 'Suspended work items', columns, {
        index: 'id',
        selectableRows: context.canOperate,
        rowFormatter: row => {
            const box = row.getElement().querySelector('input[type="checkbox"]');
            if (box) box.setAttribute('aria-label', `Select work item ${row.getData().id}`);
        },
    });

    /** The query's filters as the form holds them (its row limit aside). */
    function filters() {
        return {port: inputs.port.value.trim(), adapter: inputs.adapter.value.trim(), error: inputs.error.value.trim(),
            from: instant(inputs.from.value), to: instant(inputs.to.value)};
    }

    async function search() {
        try {
            const items = await api('/suspended' + query({...filters(), limit: inputs.limit.value}));
            await list.show(items);
            return items.length;
        } catch (error) {
            status.show(error.field ? `${error.field}: ${error.message}` : error.message, 'failed');
            return null;
        }
    }

    async function act(operation, verb) {
        const ids = list.table.getSelectedData().map(item => item.id);
        if (ids.length === 0) {
            status.show(`Select the work items to ${operation} first.`, 'failed');
            return;
        }
        await control(operation, verb, ids, status);
        await search();
    }

    async function actOnMatching(operation, verb) {
        const matching = filters();
        try {
            const {count} = await api('/suspended/count' + query(matching));
            if (count === 0) {
                status.show('No suspended work item matches the query.', 'failed');
                return;
            }
            if (!confirm(`${verb} all ${count} suspended work item(s) matching the query, not only those shown?`)) return;
            const body = {query: Object.fromEntries(Object.entries(matching).filter(([, value]) => value !== ''))};
            const answer = await api(`/suspended/${operation}`, {method: 'POST', body});
            const refusals = answer.refusals.map(refusal => `${refusal.workItemId}: ${refusal.reason}`);
            status.show(`${verb}d ${answer.applied} of ${answer.matched} matching.`
                + (answer.refused ? ` Not applied: ${answer.refused}` + (refusals.length ? ` (${refusals.join('; ')})` : '') : ''),
                answer.refused ? 'failed' : 'ok');
        } catch (error) {
            status.show(`${verb} failed: ${error.field ? error.field + ': ' : ''}${error.message}`, 'failed');
        }
        await search();
    }

    form.addEventListener('submit', async event => {
        event.preventDefault();
        const found = await search();
        if (found !== null) status.show(`${found} suspended work item(s) found.`);
    });
    search();
}

/**
 * Resumes or terminates (`operation`) the work items `ids` after the user confirms, and shows in `status` how many
 * were applied and why the others were not. Resolves to whether it was asked.
 */
export async function control(operation, verb, ids, status) {
    if (!confirm(`${verb} ${ids.length} suspended work item(s)?`)) return false;
    try {
        const answer = await api(`/suspended/${operation}`, {method: 'POST', body: {ids}});
        const applied = answer.results.filter(result => result.applied).length;
        const refused = answer.results.filter(result => !result.applied)
            .map(result => `${result.workItemId}: ${result.reason}`);
        status.show(`${verb}d ${applied} of ${ids.length}.` + (refused.length ? ` Not applied: ${refused.join('; ')}` : ''),
            refused.length ? 'failed' : 'ok');
    } catch (error) {
        status.show(`${verb} failed: ${error.message}`, 'failed');
    }
    return true;
}
