/**
 * Send ports: the list with their state (GET /api/ports); start, stop, enlist and unenlist for operators (PUT
 * /api/ports/{name}/state); create, edit and delete for administrators (POST, PUT, DELETE /api/ports). The form's
 * transports offer the deployed adapters and each adapter's endpoint properties (GET /api/adapters); the API's 400
 * answers are shown at the field they name.
 */
import {api, ApiError} from './api.js';
import {clearFieldErrors, el, field, showFieldError, statusLine} from './dom.js';
import {dataTable} from './tables.js';

/** The state changes offered from each state: BizTalk's Start, Stop, Enlist (to STOPPED) and Unenlist (to BOUND). */
const STATE_ACTIONS = {
    BOUND: [['Enlist', 'STOPPED'], ['Start', 'STARTED']],
    STOPPED: [['Start', 'STARTED'], ['Unenlist', 'BOUND']],
    STARTED: [['Stop', 'STOPPED'], ['Unenlist', 'BOUND']],
};

export function show(root, context) {
    const status = statusLine('ports-status');
    const formArea = el('div', {id: 'port-form-area'});
    const listElement = el('div', {id: 'ports-table'});
    let adapters = [];
    root.append(el('h2', {}, 'Send ports'),
        ...(context.canAdminister ? [el('div', {class: 'actions'},
            el('button', {type: 'button', id: 'new-port', class: 'primary', onclick: () => openForm(null)}, 'New send port'))] : []),
        status, formArea, listElement);

    const columns = [
        {title: 'Name', field: 'name', widthGrow: 2},
        {title: 'State', field: 'state'},
        {title: 'Priority', field: 'priority', hozAlign: 'right', width: 90},
        {title: 'Primary transport', field: 'primary', widthGrow: 3},
        {title: 'Filter', field: 'filter', widthGrow: 3},
    ];
    if (context.canOperate) {
        columns.push({title: 'Actions', field: 'name', headerSort: false, widthGrow: 3, formatter: cell => actions(cell.getData())});
    }
    const list = dataTable(listElement, 'Send ports', columns, {index: 'name'});

    async function refresh() {
        const ports = await api('/ports');
        await list.show(ports.map(port => ({...port, primary: port.primaryTransport
            ? `${port.primaryTransport.adapter} ${port.primaryTransport.address}` : (port.dynamic ? '(dynamic)' : '')})));
    }

    function actions(port) {
        const buttons = (STATE_ACTIONS[port.state] ?? []).map(([label, state]) =>
            el('button', {type: 'button', 'aria-label': `${label} ${port.name}`, dataset: {action: label.toLowerCase()},
                onclick: () => act(`${label} ${port.name}`, () => api(`/ports/${encodeURIComponent(port.name)}/state`,
                    {method: 'PUT', body: {state}}))}, label));
        if (context.canAdminister) {
            buttons.push(el('button', {type: 'button', 'aria-label': `Edit ${port.name}`, dataset: {action: 'edit'},
                onclick: () => openForm(port.name)}, 'Edit'));
            buttons.push(el('button', {type: 'button', class: 'danger', 'aria-label': `Delete ${port.name}`, dataset: {action: 'delete'},
                onclick: () => {
                    if (confirm(`Delete the send port ${port.name}?`)) {
                        act(`Deleted ${port.name}`, () => api(`/ports/${encodeURIComponent(port.name)}`, {method: 'DELETE'}));
                    }
                }}, 'Delete'));
        }
        return el('span', {class: 'cell-actions'}, buttons);
    }

    async function act(done, call) {
        try {
            await call();
            status.show(`${done}: done.`, 'ok');
        } catch (error) {
            status.show(`${done}: ${error.message}`, 'failed');
        }
        await refresh();
    }

    async function openForm(name) {
        try {
            adapters = await api('/adapters');
            const port = name ? await api(`/ports/${encodeURIComponent(name)}`) : null;
            formArea.replaceChildren(portForm(port, adapters, async saved => {
                formArea.replaceChildren();
                status.show(`${name ? 'Saved' : 'Created'} the send port ${saved.name}.`, 'ok');
                await refresh();
            }, () => formArea.replaceChildren()));
            formArea.querySelector('input, textarea, select').focus();
        } catch (error) {
            status.show(error.message, 'failed');
        }
    }

    refresh().catch(error => status.show(error.message, 'failed'));
}

/** The create or edit form of a send port; `saved(port)` is called with the API's answer. */
function portForm(port, adapters, saved, cancelled) {
    const editing = port !== null;
    const value = port ?? {priority: 5, state: 'STARTED'};
    const formStatus = statusLine('port-form-status');
    const name = el('input', {type: 'text', required: true, value: value.name ?? '', autocomplete: 'off'});
    const filter = el('textarea', {rows: 3, cols: 60, required: true, spellcheck: 'false'});
    filter.value = value.filter ?? '';
    const state = el('select', {}, ['STARTED', 'STOPPED', 'BOUND'].map(s => el('option', {value: s, selected: s === value.state}, s)));
    const priority = el('input', {type: 'number', min: 1, max: 10, value: value.priority ?? 5});
    const tracking = el('select', {}, [['EVENTS', 'Events'], ['EVENTS_AND_BODIES', 'Events and bodies'], ['OFF', 'Off']]
        .map(([level, label]) => el('option', {value: level, selected: level === (value.tracking ?? 'EVENTS')}, label)));
    const checkbox = key => el('input', {type: 'checkbox', checked: Boolean(value[key])});
    const flags = {dynamic: checkbox('dynamic'), twoWay: checkbox('twoWay'), orderedDelivery: checkbox('orderedDelivery'),
        stopSendingOnFailure: checkbox('stopSendingOnFailure')};
    const primary = transportFields('primaryTransport', 'Primary transport', adapters, value.primaryTransport, false);
    const backup = transportFields('backupTransport', 'Backup transport', adapters, value.backupTransport, true);

    const form = el('form', {id: 'port-form', novalidate: true, 'aria-labelledby': 'port-form-heading'},
        el('h3', {id: 'port-form-heading'}, editing ? `Edit send port ${port.name}` : 'New send port'),
        el('div', {class: 'row'},
            field('name', 'Name', name, 'Letters, digits, . _ -'),
            field('state', 'State', state),
            field('priority', 'Priority', priority, '1 (highest) to 10'),
            field('tracking', 'Message tracking', tracking, 'What the MessageBox records of its messages')),
        field('filter', 'Filter', filter, "The filter language, e.g. Customer = 'ACME' AND Amount > 100"),
        el('div', {class: 'row'},
            field('orderedDelivery', 'Ordered delivery', flags.orderedDelivery),
            field('stopSendingOnFailure', 'Stop sending on failure', flags.stopSendingOnFailure),
            field('dynamic', 'Dynamic (no transports)', flags.dynamic),
            field('twoWay', 'Two-way (solicit-response)', flags.twoWay)),
        primary.element, backup.element,
        formStatus,
        el('div', {class: 'actions'},
            el('button', {type: 'submit', class: 'primary', id: 'save-port'}, editing ? 'Save' : 'Create'),
            el('button', {type: 'button', onclick: cancelled}, 'Cancel')));

    form.addEventListener('submit', async event => {
        event.preventDefault();
        clearFieldErrors(form);
        formStatus.show('');
        const definition = {
            name: name.value.trim(),
            filter: filter.value,
            state: state.value,
            priority: priority.value === '' ? undefined : Number(priority.value),
            tracking: tracking.value,
        };
        Object.entries(flags).forEach(([key, box]) => { definition[key] = box.checked; });
        if (!flags.dynamic.checked) {
            definition.primaryTransport = primary.read();
            definition.backupTransport = backup.read() ?? undefined;
        }
        try {
            const answer = editing
                ? await api(`/ports/${encodeURIComponent(port.name)}`, {method: 'PUT', body: definition})
                : await api('/ports', {method: 'POST', body: definition});
            saved(answer);
        } catch (error) {
            if (!(error instanceof ApiError) || !showFieldError(form, error)) {
                formStatus.show(error.message, 'failed');
                return;
            }
            formStatus.show(`Not saved: ${error.field}: ${error.message}`, 'failed');
            const position = /at position (\d+)/.exec(error.message);
            if (error.field === 'filter' && position) {
                filter.setSelectionRange(Number(position[1]), Number(position[1]));
            }
        }
    });
    return form;
}

/**
 * The fields of a transport: adapter, address, the adapter's endpoint properties (redrawn when the adapter changes),
 * retries and service window. `read()` gives the API's transport object, or null for an optional one left empty.
 */
function transportFields(prefix, legend, adapters, value, optional) {
    const transport = value ?? {};
    const adapter = el('select', {},
        optional ? el('option', {value: ''}, '(none)') : null,
        adapters.map(a => el('option', {value: a.transportType, selected: a.transportType === transport.adapter},
            `${a.transportType} (${a.name})`)));
    const address = el('input', {type: 'text', size: 60, value: transport.address ?? '', autocomplete: 'off'});
    const retryCount = el('input', {type: 'number', min: 0, max: 1000, value: transport.retryCount ?? (optional ? '' : 3)});
    const retryInterval = el('input', {type: 'number', min: 0, max: 525600, value: transport.retryInterval ?? (optional ? '' : 5)});
    const serviceWindow = transport.serviceWindow ?? {};
    const from = el('input', {type: 'time', value: serviceWindow.from ?? ''});
    const to = el('input', {type: 'time', value: serviceWindow.to ?? ''});
    const timeZone = el('input', {type: 'text', value: serviceWindow.timeZone ?? '', placeholder: 'UTC'});
    const properties = el('fieldset', {'data-field': `${prefix}.properties`},
        el('legend', {}, 'Endpoint properties'));
    let propertyControls = [];

    function drawProperties() {
        const metadata = adapters.find(a => a.transportType === adapter.value);
        properties.replaceChildren(el('legend', {}, 'Endpoint properties'));
        propertyControls = [];
        if (!metadata || metadata.endpointProperties.length === 0) {
            properties.append(el('p', {class: 'note'}, metadata ? 'This adapter has none.' : 'Choose an adapter.'));
            return;
        }
        for (const property of metadata.endpointProperties) {
            const current = transport.adapter === metadata.transportType ? transport.properties?.[property.name] : undefined;
            const control = property.type === 'BOOLEAN'
                ? el('select', {}, ['', 'true', 'false'].map(v => el('option', {value: v, selected: String(current ?? '') === v},
                    v === '' ? `(default${property.default !== undefined ? ': ' + property.default : ''})` : v)))
                : el('input', {type: property.masked ? 'password' : 'text', value: current ?? '',
                    placeholder: property.default ?? '', autocomplete: 'off'});
            propertyControls.push([property, control]);
            const label = `${property.name}${property.required ? ' (required)' : ''}`;
            properties.append(field(`${prefix}.properties.${property.name}`, label, control,
                `${property.type}. ${property.description}`));
        }
    }
    adapter.addEventListener('change', drawProperties);
    drawProperties();

    const element = el('fieldset', {},
        el('legend', {}, legend),
        el('div', {class: 'row'},
            field(`${prefix}.adapter`, 'Adapter', adapter),
            field(`${prefix}.address`, 'Address', address)),
        properties,
        el('div', {class: 'row'},
            field(`${prefix}.retryCount`, 'Retry count', retryCount),
            field(`${prefix}.retryInterval`, 'Retry interval (minutes)', retryInterval)),
        el('div', {class: 'row', 'data-field': `${prefix}.serviceWindow`},
            field(`${prefix}.serviceWindow.from`, 'Service window from', from),
            field(`${prefix}.serviceWindow.to`, 'Service window to', to),
            field(`${prefix}.serviceWindow.timeZone`, 'Time zone', timeZone)));

    function read() {
        if (optional && adapter.value === '') return null;
        const result = {adapter: adapter.value, address: address.value.trim()};
        const values = {};
        for (const [property, control] of propertyControls) {
            if (control.value === '') continue;
            if (property.type === 'BOOLEAN') values[property.name] = control.value === 'true';
            else if ((property.type === 'INTEGER' || property.type === 'LONG') && /^-?\d+$/.test(control.value.trim())) {
                values[property.name] = Number(control.value.trim());
            } else values[property.name] = control.value;
        }
        result.properties = values;
        if (retryCount.value !== '') result.retryCount = Number(retryCount.value);
        if (retryInterval.value !== '') result.retryInterval = Number(retryInterval.value);
        if (from.value || to.value || timeZone.value) {
            result.serviceWindow = {from: from.value, to: to.value};
            if (timeZone.value.trim()) result.serviceWindow.timeZone = timeZone.value.trim();
        }
        return result;
    }

    return {element, read};
}
