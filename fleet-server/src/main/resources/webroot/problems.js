// A refusal from the server in the page's language: the server answers {code, field, error, ...};
// the code and the field are said from the console's bundles (problems.html), the English `error`
// stays in the answer for IT support and is shown only when the console has no words for the code.
const camel = (s) => s.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
const cap = (s) => s[0].toUpperCase() + s.slice(1);

/** The words for `body`, a parsed error answer; `fill` adds values the message names (such as {visits}). */
export function problemText(body, fill = {}) {
  const texts = document.getElementById('problem-texts')?.dataset ?? {};
  const template = body?.code ? texts[camel(body.code)] : null;
  if (!template) return body?.error ?? '';
  const field = body.field ? (texts['field' + cap(body.field)] ?? body.field) : '';
  const values = { ...body, ...fill, field };
  return template.replace(/\{(\w+)\}/g, (m, k) => (values[k] == null ? m : String(values[k])));
}
