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
    if (!response.ok) throw await errorOf(response);
    const text = response.status === 204 ? '' : await response.text();
    return {status: response.status, headers: response.headers, text, json: parsed(text)};
}

/** The ApiError an error answer stands for: its JSON's message and field when it has them. */
async function errorOf(response) {
    const json = parsed(await response.text());
    return new ApiError(response.status, json?.error ?? `${response.status} ${response.statusText}`, json?.field);
}

/** Text parsed as JSON; null when empty or not JSON. */
function parsed(text) {
    try {
        return text ? JSON.parse(text) : null;
    } catch (e) {
        return null;
    }
}

/**
 * Reads at most `limit` bytes of a binary answer of the API (such as a message body), then cancels the rest of it.
 * Resolves to `{bytes, complete}` (complete: the answer ended within the limit), rejects with an ApiError.
 */
export async function apiBytes(path, limit) {
    const response = await fetch(new URL('/api' + path, location.origin), {credentials: 'same-origin'});
    if (!response.ok) throw await errorOf(response);
    const reader = response.body.getReader();
    const chunks = [];
    let length = 0;
    let complete = false;
    while (length < limit) {
        const {done, value} = await reader.read();
        if (done) {
            complete = true;
            break;
        }
        chunks.push(value);
        length += value.length;
    }
    if (!complete) await reader.cancel();
    const bytes = new Uint8Array(Math.min(length, limit));
    let offset = 0;
    for (const chunk of chunks) {
        const part = chunk.subarray(0, bytes.length - offset);
        bytes.set(part, offset);
        offset += part.length;
    }
    return {bytes, complete: complete && length <= limit};
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

/** A datetime-local value (the browser's local time) as an ISO-8601 instant, or '' when empty. */
export function instant(local) {
    return local ? new Date(local).toISOString() : '';
}
