/** Charts of the console, drawn by uPlot (the webjar the WAR serves; see index.html's import map). */
import uPlot from 'uplot';
import {el} from './dom.js';

const HEIGHT = 220;
const SERIES = [
    {key: 'delivered', label: 'Delivered', stroke: '#1e7a3c'},
    {key: 'failed', label: 'Failed attempts', stroke: '#b3261e'},
    {key: 'suspended', label: 'Suspended', stroke: '#b36b00'},
];

/**
 * A line chart of deliveries, failed attempts and suspensions per minute in `figure` (GET /api/statistics/deliveries),
 * with a caption giving the hour's totals as its text alternative. Returns `show(statistics)` and `destroy()`.
 */
export function deliveriesChart(figure) {
    const plotElement = el('div', {class: 'plot', 'aria-hidden': 'true'});
    const caption = el('figcaption', {id: 'deliveries-caption'}, 'Loading…');
    figure.append(plotElement, caption);
    let plot = null;
    const resize = () => plot?.setSize({width: plotElement.clientWidth, height: HEIGHT});
    window.addEventListener('resize', resize);

    return {
        show(statistics) {
            const data = [statistics.minutes.map(minute => Date.parse(minute.minute) / 1000),
                ...SERIES.map(series => statistics.minutes.map(minute => minute[series.key]))];
            if (plot) {
                plot.setData(data);
            } else {
                plot = new uPlot({
                    width: plotElement.clientWidth, height: HEIGHT,
                    scales: {y: {range: (u, min, max) => [0, Math.max(5, max)]}},
                    series: [{label: 'Minute'}, ...SERIES.map(series => ({label: series.label, stroke: series.stroke,
                        width: 2, points: {show: false}}))],
                    axes: [{}, {label: 'per minute'}],
                }, data, plotElement);
            }
            const totals = SERIES.map(series =>
                `${statistics.minutes.reduce((sum, minute) => sum + minute[series.key], 0)} ${series.label.toLowerCase()}`);
            caption.textContent = `Last hour on server ${statistics.server}: ${totals.join(', ')}. Counted in memory `
                + `since ${new Date(statistics.countingSince).toLocaleString()} (the server's start); other servers `
                + 'sharing the MessageBox count their own.';
        },
        destroy() {
            window.removeEventListener('resize', resize);
            plot?.destroy();
        },
    };
}
