/**
 * Adapters: each deployed adapter's registration, capabilities, handler configuration and status (GET /api/adapters),
 * with a link to its resource adapter in WildFly's management console, where the handler configuration is edited.
 */
import {api} from './api.js';
import {el, statusLine} from './dom.js';
import {dataTable} from './tables.js';

export function show(root, context) {
    const status = statusLine('adapters-status');
    const tableElement = el('div', {id: 'adapters-table'});
    root.append(el('h2', {}, 'Adapters'),
        el('p', {class: 'note'}, 'A handler configuration is edited in the WildFly console (the link of each adapter; '
            + 'it asks for a management user) or its CLI, and applies at the next reload.'),
        status, tableElement);
    const list = dataTable(tableElement, 'Deployed adapters', [
        {title: 'Adapter', field: 'transportType'},
        {title: 'Name', field: 'name', widthGrow: 2},
        {title: 'Version', field: 'version', width: 90},
        {title: 'Capabilities', field: 'capabilities', widthGrow: 3, formatter: 'textarea'},
        {title: 'Handler configuration', field: 'handler', widthGrow: 3, formatter: 'textarea'},
        {title: 'Edit', field: 'transportType', headerSort: false, width: 150,
            formatter: cell => managementConsoleLink(context.managementConsole, cell.getValue())},
        {title: 'State', field: 'state'},
        {title: 'In flight', field: 'inFlight', hozAlign: 'right', width: 90},
        {title: 'Last error', field: 'lastError', widthGrow: 2, formatter: 'textarea'},
    ], {index: 'transportType'});
    api('/adapters').then(adapters => list.show(adapters.map(adapter => ({
        transportType: adapter.transportType,
        name: adapter.name,
        version: adapter.version,
        capabilities: adapter.capabilities.join(', '),
        handler: Object.entries(adapter.handlerConfiguration)
            .map(([name, value]) => `${name} = ${value === null ? '(confidential)' : value}`).join('\n'),
        state: adapter.status.state,
        inFlight: adapter.status.inFlight,
        lastError: adapter.status.lastError ?? '',
    })))).catch(error => status.show(error.message, 'failed'));
}

/**
 * A link to the adapter's resource adapter (conveyor-<type>, server/src/main/cli/conveyor.cli) in WildFly's management
 * console, on the browser's own host at the port GET /api/me names; the fragment is the console's place for it.
 */
function managementConsoleLink(managementConsole, transportType) {
    const resourceAdapter = `conveyor-${transportType.toLowerCase()}`;
    const url = new URL(managementConsole.path, `http://${location.hostname}:${managementConsole.port}`);
    url.hash = `resource-adapter;name=${resourceAdapter}`;
    return el('a', {href: url.href, target: '_blank', rel: 'noopener', dataset: {resourceAdapter},
        'aria-label': `Edit the handler configuration of ${transportType} in the WildFly console`}, 'WildFly console');
}
