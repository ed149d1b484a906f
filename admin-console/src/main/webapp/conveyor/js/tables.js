/** Tables of the console, drawn by Tabulator (the webjar the WAR serves; see index.html's import map). */
import {TabulatorFull as Tabulator} from 'tabulator-tables';

/**
 * A table in `element` with Tabulator column definitions; `label` names it for assistive technology. Returns the
 * table and `show(rows)`, which replaces its rows once it is built.
 */
export function dataTable(element, label, columns, options = {}) {
    element.setAttribute('aria-label', label);
    const table = new Tabulator(element, {
        layout: 'fitColumns',
        renderVertical: 'basic',
        placeholder: 'None',
        columns,
        ...options,
    });
    const built = new Promise(resolve => table.on('tableBuilt', resolve));
    return {
        table,
        async show(rows) {
            await built;
            await table.replaceData(rows);
        },
    };
}
