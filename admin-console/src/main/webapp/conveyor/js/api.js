/**
 * The console's one way to the engine: the REST API under /api. The browser sends the credentials it asked for when
 * the console was opened (HTTP Basic, same origin), so no call here handles them.
 */

/** An error answer of the API: its status, message and, for bad input, the field at fault. */
export class ApiError extends Error {
    constructor(status, message, field) {
        super(message);
        this.status = status;
        this.field = field;
    }
}

/**
 * Calls the API: `path` below /api, an optional JSON body (an object, or text sent as is). Resolves to the answer's
 * JSON (null for 204), rejects with an ApiError.
 */
export async function api(path, {method = 'GET', body} = {}) {
    return (await exchange(path, {method, body})).json;
}

/**
 * Calls the API like `api`, with `headers` added to the request (a `Content-Type` among them replaces JSON's), and
 * resolves to the whole answer: `{status, headers, text, json}` (json null when the body is not JSON).
 */
export async function exchange(path, {method = 'GET', body, headers = {}} = {}) {
    const init = {method, headers: {Accept: 'application/json'}, credentials: 'same-origin'};
    if (body !== undefined) {
        init.body = typeof body === 'string' ? body : JSON.stringify(body);
        init.headers['Content-Type'] = 'application/json';
    }
    Object.assign(init.headers, headers);
    // against the origin, not the page's address: a page opened as http://user:password@host/... has credentials in
    // its address, and fetch refuses a URL resolved from it
    const response = await fetch(new URL('/api' + path, location.origin), init);
    const text = response.status === 204 ? '' : await response.text();
    let json = null;
    try {
        json = text ? JSON.parse(text) : null;
    } catch (e) {
        json = null;
    }
    if (!response.ok) {
        throw new ApiError(response.status, json?.error ?? `${response.status} ${response.statusText}`, json?.field);
    }
    return {status: response.status, headers: response.headers, text, json};
}

/** A query string of the parameters that have a value. */
export function query(parameters) {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(parameters)) {
        if (value !== undefined && value !== null && value !== '') search.set(name, value);
    }
    const text = search.toString();
    return text ? '?' + text : '';
}
