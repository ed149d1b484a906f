/**
 * Bindings: every send port as one document, downloaded (GET /api/bindings); administrators import one (POST
 * /api/bindings: all ports validated first, then created or replaced by name in one transaction).
 */
import {api} from './api.js';
import {el, field, statusLine} from './dom.js';

export function show(root, context) {
    const status = statusLine('bindings-status');
    const exportButton = el('button', {type: 'button', id: 'export-bindings', class: 'primary', onclick: download},
        'Export bindings');
    root.append(el('h2', {}, 'Bindings'),
        el('section', {'aria-labelledby': 'export-heading'},
            el('h3', {id: 'export-heading'}, 'Export'),
            el('p', {class: 'note'}, 'Every send port, as a bindings file (conveyor-bindings.json).'), exportButton));
    if (context.canAdminister) {
        const file = el('input', {type: 'file', accept: 'application/json,.json'});
        const form = el('form', {id: 'import-form'},
            field('bindings-file', 'Bindings file', file,
                'Ports in the file are created, or replaced by name; ports not in it are left alone.'),
            el('button', {type: 'submit', class: 'primary'}, 'Import'));
        form.addEventListener('submit', async event => {
            event.preventDefault();
            if (!file.files.length) {
                status.show('Choose a bindings file first.', 'failed');
                return;
            }
            if (!confirm(`Import ${file.files[0].name}?`)) return;
            try {
                const answer = await api('/bindings', {method: 'POST', body: await file.files[0].text()});
                status.show(`Imported: created ${answer.created.join(', ') || 'none'}; replaced ${answer.updated.join(', ') || 'none'}.`, 'ok');
            } catch (error) {
                status.show(`Not imported: ${error.field ? error.field + ': ' : ''}${error.message}`, 'failed');
            }
        });
        root.append(el('section', {'aria-labelledby': 'import-heading'}, el('h3', {id: 'import-heading'}, 'Import'), form));
    }
    root.append(status);

    async function download() {
        try {
            const bindings = await api('/bindings');
            const link = el('a', {href: URL.createObjectURL(new Blob([JSON.stringify(bindings, null, 2)],
                {type: 'application/json'})), download: 'conveyor-bindings.json'});
            link.click();
            setTimeout(() => URL.revokeObjectURL(link.href));
            status.show(`Exported ${bindings.sendPorts.length} send port(s).`, 'ok');
        } catch (error) {
            status.show(error.message, 'failed');
        }
    }
}
