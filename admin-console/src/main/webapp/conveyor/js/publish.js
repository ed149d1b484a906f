/**
 * Publish (publishers only): a message into the MessageBox, the request the README's tour makes with curl (POST
 * /api/messages: the body as the body, its content type, the promoted properties as the Conveyor-Properties header,
 * optionally ?responseTimeout to wait for a two-way port's response). Shows the receipt, with a link to the message on
 * the Tracking page, or the API's 400 at the field it names.
 */
import {ApiError, exchange, query} from './api.js';
import {clearFieldErrors, el, field, fieldId, showFieldError, statusLine} from './dom.js';

const CONTENT_TYPES = ['application/xml', 'text/plain', 'application/json'];
const JSON_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

export function show(root, context) {
    root.append(el('h2', {}, 'Publish'));
    if (!context.canPublish) {
        root.append(el('p', {class: 'status failed', role: 'alert'}, 'Publishing needs the role conveyor-publisher.'));
        return;
    }
    const status = statusLine('publish-status');
    const result = el('section', {id: 'publish-result', 'aria-live': 'polite'});
    const body = el('textarea', {rows: 5, spellcheck: 'false'});
    body.value = '<order id="42"><customer>ACME</customer><amount>120</amount></order>';
    const contentType = el('input', {type: 'text', value: CONTENT_TYPES[0], list: 'content-types', autocomplete: 'off'});
    const responseTimeout = el('input', {type: 'number', min: 0, max: 300, placeholder: 'no wait'});
    const properties = propertyRows();

    const form = el('form', {id: 'publish-form', novalidate: true},
        field('body', 'Body', body, 'Sent as it is, in UTF-8.'),
        el('div', {class: 'row'},
            field('contentType', 'Content type', contentType, 'Stored with the message; e.g. application/xml or text/plain.'),
            field('responseTimeout', 'Wait for a response (seconds)', responseTimeout,
                'Two-way ports only: 0 to 300; empty publishes without waiting.')),
        el('datalist', {id: 'content-types'}, CONTENT_TYPES.map(type => el('option', {value: type}))),
        properties.element,
        el('div', {class: 'actions'}, el('button', {type: 'submit', class: 'primary', id: 'publish'}, 'Publish')));
    root.append(el('p', {class: 'note'}, 'Publishes a message as POST /api/messages does: send ports whose filters '
        + 'match its promoted properties each get a work item; a message no port subscribes to is refused.'),
        el('div', {class: 'grid'}, form, el('div', {class: 'sticky'}, status, result)));

    form.addEventListener('submit', async event => {
        event.preventDefault();
        clearFieldErrors(form);
        status.show('');
        result.replaceChildren();
        let header;
        try {
            header = properties.header();
        } catch (error) {
            showFieldError(form, error);
            status.show(`Not published: ${error.message}`, 'failed');
            return;
        }
        const headers = {'Content-Type': contentType.value.trim() || 'application/octet-stream', Accept: '*/*'};
        if (header) headers['Conveyor-Properties'] = header;
        try {
            const answer = await exchange('/messages' + query({responseTimeout: responseTimeout.value}),
                {method: 'POST', body: body.value, headers});
            showAnswer(answer);
        } catch (error) {
            const shown = error instanceof ApiError && showFieldError(form, error);
            status.show(`Not published: ${shown ? error.field + ': ' : ''}${error.message}`, 'failed');
        }
    });

    function showAnswer(answer) {
        if (answer.status === 200) {
            const published = answer.headers.get('Conveyor-Correlation-Id');
            status.show(`Published message ${published}; its response came back.`, 'ok');
            result.append(el('h3', {}, 'Response'),
                el('p', {}, `Message ${answer.headers.get('Conveyor-Message-Id')}, `
                    + `${answer.headers.get('Content-Type') ?? 'no content type'}:`),
                el('pre', {id: 'publish-response'}, answer.text), trackingLink(published));
            return;
        }
        const receipt = answer.json;
        status.show(answer.status === 202
            ? `Published message ${receipt.messageId}; no response within ${responseTimeout.value} s (a publisher gets it `
                + `later at GET /api/messages/${receipt.messageId}/response).`
            : `Published message ${receipt.messageId}.`, 'ok');
        result.append(el('h3', {}, 'Receipt'),
            el('p', {}, 'Message ID ', el('code', {id: 'receipt-message-id'}, receipt.messageId)),
            el('p', {}, 'Routed to:'),
            el('ul', {id: 'receipt-routes'}, receipt.routedTo.map(route =>
                el('li', {}, `${route.port}: work item ${route.workItemId}, ${route.state}`))),
            trackingLink(receipt.messageId));
    }
}

/** The link to a message on the Tracking page. */
function trackingLink(messageId) {
    return el('p', {}, el('a', {id: 'tracking-link', href: '#/tracking' + query({messageId})},
        'Follow this message on the Tracking page'));
}

/**
 * The promoted properties: rows of name, type and value, added and removed by the user. `header()` gives the
 * Conveyor-Properties header (null for none) and sets each name control's field path to `properties.<name>`, which is
 * how the API names a property at fault; it throws an ApiError naming the control of a value that is not of its type.
 */
function propertyRows() {
    const list = el('div', {id: 'property-rows'});
    const add = el('button', {type: 'button', id: 'add-property', onclick: () => addRow('', 'string', '').name.focus()},
        'Add property');
    const element = el('fieldset', {id: fieldId('properties'), 'data-field': 'properties', tabindex: -1},
        el('legend', {}, 'Promoted properties'),
        el('p', {class: 'note'}, 'Send ports subscribe by these. A name is Name or {namespace}Name; a Number is '
            + 'compared as a number (Amount > 100), a String as text; a Boolean is true or false.'),
        list, el('span', {class: 'field-error', id: fieldId('properties') + '-error'}), el('div', {class: 'actions'}, add));
    const rows = [];
    let counter = 0;

    function addRow(name, type, value) {
        const n = ++counter;
        const row = {
            name: el('input', {type: 'text', value: name, autocomplete: 'off', spellcheck: 'false'}),
            type: el('select', {}, ['string', 'number', 'boolean'].map(t =>
                el('option', {value: t, selected: t === type}, t[0].toUpperCase() + t.slice(1)))),
            value: el('input', {type: 'text', value, autocomplete: 'off', spellcheck: 'false'}),
        };
        row.element = el('div', {class: 'property-row'},
            field(`property-${n}.name`, 'Name', row.name),
            field(`property-${n}.type`, 'Type', row.type),
            field(`property-${n}.value`, 'Value', row.value),
            el('button', {type: 'button', 'aria-label': `Remove property ${n}`, dataset: {action: 'remove'}, onclick: () => {
                rows.splice(rows.indexOf(row), 1);
                row.element.remove();
                add.focus();
            }}, 'Remove'));
        rows.push(row);
        list.append(row.element);
        return row;
    }
    addRow('Customer', 'string', 'ACME');
    addRow('Amount', 'number', '120');

    function header() {
        const members = [];
        for (const row of rows) {
            const name = row.name.value.trim();
            const text = row.value.value.trim();
            if (name === '' && text === '') continue;
            row.name.dataset.field = `properties.${name}`;
            let json;
            if (row.type.value === 'number') {
                if (!JSON_NUMBER.test(text)) throw new ApiError(0, `'${text}' is not a number`, row.value.dataset.field);
                json = text;
            } else if (row.type.value === 'boolean') {
                if (text !== 'true' && text !== 'false') {
                    throw new ApiError(0, `'${text}' is neither true nor false`, row.value.dataset.field);
                }
                json = text;
            } else {
                json = JSON.stringify(row.value.value);
            }
            members.push(`${JSON.stringify(name)}:${json}`);
        }
        // a header carries bytes; escaping what is not ASCII keeps the JSON exact whatever the browser encodes it as
        return members.length === 0 ? null
            : `{${members.join(',')}}`.replace(/[\u007f-\uffff]/g, c => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
    }

    return {element, header};
}
