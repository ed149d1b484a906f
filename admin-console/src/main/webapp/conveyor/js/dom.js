/** Small DOM helpers shared by the console's pages. */

/** An element with attributes (`on…` ones as listeners, `dataset` as data attributes) and children (text or nodes). */
export function el(tag, attributes = {}, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
        if (value === undefined || value === null || value === false) continue;
        if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
        else if (name === 'dataset') Object.assign(element.dataset, value);
        else element.setAttribute(name, value === true ? '' : value);
    }
    element.append(...children.flat().filter(child => child !== undefined && child !== null));
    return element;
}

/** A status line announced to screen readers; `show(text, kind)` sets it (kind: "ok", "failed" or none). */
export function statusLine(id) {
    const line = el('p', {id, class: 'status', role: 'status'});
    line.show = (text, kind = '') => {
        line.textContent = text;
        line.className = 'status ' + kind;
    };
    return line;
}

/** An id usable in HTML for an API field path such as `primaryTransport.properties.copyMode`. */
export function fieldId(path) {
    return 'field-' + path.replace(/[^A-Za-z0-9]/g, '-');
}

/**
 * A labelled form field for the API field `path`: its label, the control, an optional hint and a place for the API's
 * error about it (referenced by aria-describedby).
 */
export function field(path, label, control, hint) {
    const id = fieldId(path);
    control.id = id;
    control.dataset.field = path;
    const error = el('span', {class: 'field-error', id: id + '-error'});
    const described = [error.id];
    let hintElement = null;
    if (hint) {
        hintElement = el('span', {class: 'hint', id: id + '-hint'}, hint);
        described.push(hintElement.id);
    }
    control.setAttribute('aria-describedby', described.join(' '));
    const checkbox = control.type === 'checkbox';
    const label_ = el('label', {for: id}, label);
    return el('div', {class: checkbox ? 'field check' : 'field'},
        checkbox ? [control, label_] : [label_, control], hintElement, error);
}

/** Clears every field error shown in `form`. */
export function clearFieldErrors(form) {
    form.querySelectorAll('.field-error').forEach(error => { error.textContent = ''; });
    form.querySelectorAll('[aria-invalid]').forEach(control => control.removeAttribute('aria-invalid'));
}

/**
 * Shows an API error at the control of its field (or, failing that, of the closest enclosing field path), focuses that
 * control and returns true; returns false when `form` has no control for it.
 */
export function showFieldError(form, error) {
    if (!error.field) return false;
    let path = error.field;
    let control = null;
    while (path && !(control = form.querySelector(`[data-field="${CSS.escape(path)}"][id]`))) {
        path = path.includes('.') ? path.slice(0, path.lastIndexOf('.')) : '';
    }
    if (!control) return false;
    control.setAttribute('aria-invalid', 'true');
    document.getElementById(control.id + '-error').textContent = error.message;
    control.focus();
    return true;
}
