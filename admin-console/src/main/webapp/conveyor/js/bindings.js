/**
 * Bindings: every send port as one document, downloaded (GET /api/bindings); administrators preview what importing one
 * would do (POST /api/bindings/preview, which writes nothing) and then import it (POST /api/bindings: all ports
 * validated first, then created or replaced by name in one transaction).
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
        const preview = el('div', {id: 'import-preview'});
        const form = el('form', {id: 'import-form'},
            field('bindings-file', 'Bindings file', file,
                'Ports in the file are created, or replaced by name; ports not in it are left alone. '
                + 'You see what will change before anything is imported.'),
            el('button', {type: 'submit', class: 'primary', id: 'preview-import'}, 'Preview import'));
        file.addEventListener('change', () => preview.replaceChildren());
        form.addEventListener('submit', async event => {
            event.preventDefault();
            preview.replaceChildren();
            if (!file.files.length) {
                status.show('Choose a bindings file first.', 'failed');
                return;
            }
            const name = file.files[0].name;
            const text = await file.files[0].text();
            try {
                const plan = await api('/bindings/preview', {method: 'POST', body: text});
                showPreview(preview, name, plan, () => importFile(preview, text), () => {
                    preview.replaceChildren();
                    status.show('Import cancelled; nothing changed.');
                });
                status.show(`Preview of ${name}: nothing is imported until you confirm.`);
            } catch (error) {
                status.show(`Not importable: ${error.field ? error.field + ': ' : ''}${error.message}`, 'failed');
            }
        });
        root.append(el('section', {'aria-labelledby': 'import-heading'}, el('h3', {id: 'import-heading'}, 'Import'),
            form, preview));
    }
    root.append(status);

    async function importFile(preview, text) {
        try {
            const answer = await api('/bindings', {method: 'POST', body: text});
            preview.replaceChildren();
            status.show(`Imported: created ${answer.created.join(', ') || 'none'}; replaced ${answer.updated.join(', ') || 'none'}; `
                + `unchanged ${answer.unchanged.join(', ') || 'none'}.`, 'ok');
        } catch (error) {
            status.show(`Not imported: ${error.field ? error.field + ': ' : ''}${error.message}`, 'failed');
        }
    }

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

/** The plan of an import (POST /api/bindings/preview) as lists per outcome, with Import and Cancel buttons. */
function showPreview(container, fileName, plan, onImport, onCancel) {
    const list = (id, title, items, describe = item => item) => el('section', {'aria-labelledby': id},
        el('h4', {id}, `${title} (${items.length})`),
        items.length ? el('ul', {}, items.map(item => el('li', {}, describe(item)))) : el('p', {class: 'note'}, 'None.'));
    const changes = changed => Object.entries(changed.changes).map(([path, change]) =>
        `${path}: ${JSON.stringify(change.from)} → ${JSON.stringify(change.to)}`).join('; ');
    const heading = el('h4', {id: 'preview-heading', tabindex: '-1'}, `What importing ${fileName} will do`);
    const changing = plan.created.length + plan.updated.length;
    container.replaceChildren(el('div', {class: 'import-plan', role: 'region', 'aria-labelledby': 'preview-heading'},
        heading,
        el('div', {class: 'import-plan-lists'},
            list('preview-created', 'Created', plan.created),
            list('preview-updated', 'Replaced', plan.updated, item => [el('strong', {}, item.name), ' ', changes(item)]),
            list('preview-unchanged', 'Unchanged (identical, left as they are)', plan.unchanged),
            list('preview-not-in-file', 'Not in the file (left alone)', plan.notInFile)),
        el('div', {class: 'actions'},
            el('button', {type: 'button', class: 'primary', id: 'confirm-import', onclick: onImport,
                disabled: changing === 0}, changing ? `Import: create ${plan.created.length}, replace ${plan.updated.length}`
                : 'Nothing to import'),
            el('button', {type: 'button', id: 'cancel-import', onclick: onCancel}, 'Cancel'))));
    heading.focus();
}
