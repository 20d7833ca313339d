// A refusal from the server in the page's language: the server answers {code, field, error, ...};
// the code and the field are said from the console's bundles (problems.html), the English `error`
// stays in the answer for IT support and is shown only when the console has no words for the code.
const camel = (s) => s.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
const cap = (s) => s[0].toUpperCase() + s.slice(1);

/**
 * The words for `body`, a parsed error answer; `fill` adds values the message names (such as {visits}).
 * A code the page has no words for is said by its kind (the status's code), never in the server's English.
 */
export function problemText(body, fill = {}, status = 400) {
  const texts = document.getElementById('problem-texts')?.dataset ?? {};
  const template = (body?.code ? texts[camel(body.code)] : null) ?? texts[camel(kindOf(status))];
  if (!template) return body?.error ?? '';
  const field = body.field ? (texts['field' + cap(body.field)] ?? body.field) : '';
  const values = { ...body, ...fill, field };
  return template.replace(/\{(\w+)\}/g, (m, k) => (values[k] == null ? m : String(values[k])));
}

/** The code of a refusal by its HTTP status, as the server gives one that has no code of its own. */
function kindOf(status) {
  return { 400: 'invalid', 401: 'signed-out', 403: 'forbidden', 404: 'not-found', 409: 'conflict', 413: 'too-large',
    429: 'too-many' }[status] ?? (status >= 500 ? 'failed' : 'refused');
}

/**
 * Says the refusal in `res` (a fetch Response) in `el`, in the page's words. IT support and admins
 * also get the server's English detail, as the element's tooltip, for finding out what went wrong.
 */
export async function showProblem(el, res, fill = {}) {
  const body = await res.json().catch(() => ({}));
  el.textContent = problemText(body, fill, res.status);
  const role = document.querySelector('nav[data-role]')?.dataset.role;
  if ((role === 'support' || role === 'admin') && body.error) el.title = body.error;
  return body;
}

/** The refusal in `res` in the page's words, for a dialog box or a status line. */
export async function problemOf(res) {
  const body = await res.json().catch(() => ({}));
  return problemText(body, {}, res.status);
}
