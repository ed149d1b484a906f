/**
 * Overview, the hub: this server's deliveries and failures per minute over the last hour (GET
 * /api/statistics/deliveries), the backlog per port and state (GET /api/work-items/counts), the suspended messages
 * grouped by port, adapter and error (GET /api/suspended), the adapters with their status (GET /api/adapters);
 * refreshed every 5 s.
 */
import {api} from './api.js';
import {deliveriesChart} from './charts.js';
import {el, statusLine} from './dom.js';
import {dataTable} from './tables.js';

const REFRESH_MILLIS = 5000;
const STATES = ['READY', 'IN_PROCESS', 'SUSPENDED', 'SUSPENDED_NON_RESUMABLE'];

export function show(root) {
    const backlogElement = el('div', {id: 'backlog'});
    const suspendedElement = el('div', {id: 'suspended-groups'});
    const adaptersElement = el('div', {id: 'adapter-status'});
    const status = statusLine('overview-status');
    const chartElement = el('figure', {id: 'deliveries-chart', class: 'chart'});
    root.append(el('h2', {}, 'Overview'),
        el('section', {'aria-labelledby': 'deliveries-heading'},
            el('h3', {id: 'deliveries-heading'}, 'Deliveries per minute, last hour'), chartElement),
        el('div', {class: 'grid'},
            el('section', {'aria-labelledby': 'backlog-heading'},
                el('h3', {id: 'backlog-heading'}, 'Backlog'), backlogElement),
            el('section', {'aria-labelledby': 'adapters-heading'},
                el('h3', {id: 'adapters-heading'}, 'Adapters'), adaptersElement),
            el('section', {class: 'wide', 'aria-labelledby': 'suspended-heading'},
                el('h3', {id: 'suspended-heading'}, 'Suspended messages'),
                el('p', {class: 'note'}, 'By port, adapter and error. ', el('a', {href: '#/suspended'}, 'Open the suspended queue')),
                suspendedElement)),
        status);

    const backlog = dataTable(backlogElement, 'Backlog per port and state', [
        {title: 'Port', field: 'port', widthGrow: 2},
        {title: 'Ready', field: 'READY', hozAlign: 'right'},
        {title: 'In process', field: 'IN_PROCESS', hozAlign: 'right'},
        {title: 'Suspended', field: 'SUSPENDED', hozAlign: 'right'},
        {title: 'Not resumable', field: 'SUSPENDED_NON_RESUMABLE', hozAlign: 'right'},
    ], {index: 'port'});
    const groups = dataTable(suspendedElement, 'Suspended messages by port, adapter and error', [
        {title: 'Port', field: 'port'},
        {title: 'Adapter', field: 'adapter'},
        {title: 'Error', field: 'error', widthGrow: 3, formatter: 'textarea'},
        {title: 'Count', field: 'count', hozAlign: 'right'},
    ]);
    const adapters = dataTable(adaptersElement, 'Adapters and their status', [
        {title: 'Adapter', field: 'transportType'},
        {title: 'State', field: 'state'},
        {title: 'In flight', field: 'inFlight', hozAlign: 'right'},
    ], {index: 'transportType'});
    const chart = deliveriesChart(chartElement);

    async function refresh() {
        try {
            const [statistics, counts, suspended, deployed] = await Promise.all([api('/statistics/deliveries'),
                api('/work-items/counts'), api('/suspended?limit=1000'), api('/adapters')]);
            chart.show(statistics);
            await backlog.show(Object.entries(counts.ports).map(([port, byState]) => {
                const row = {port};
                STATES.forEach(state => { row[state] = byState[state] ?? 0; });
                return row;
            }));
            await groups.show(groupSuspended(suspended));
            await adapters.show(deployed.map(adapter => ({transportType: adapter.transportType,
                state: adapter.status.state, inFlight: adapter.status.inFlight})));
            status.show(`Updated ${new Date().toLocaleTimeString()}; refreshed every ${REFRESH_MILLIS / 1000} s.`
                + (suspended.length === 1000 ? ' The suspended groups count the 1000 most recent suspensions.' : ''));
        } catch (error) {
            status.show(`Refresh failed: ${error.message}`, 'failed');
        }
    }

    refresh();
    const timer = setInterval(refresh, REFRESH_MILLIS);
    return () => {
        clearInterval(timer);
        chart.destroy();
    };
}

function groupSuspended(items) {
    const groups = new Map();
    for (const item of items) {
        const adapter = item.errorAdapter ?? item.adapter;
        const error = item.errorText ?? '';
        const key = JSON.stringify([item.port, adapter, error]);
        const group = groups.get(key) ?? {port: item.port, adapter, error, count: 0};
        group.count++;
        groups.set(key, group);
    }
    return [...groups.values()].sort((a, b) => b.count - a.count);
}
