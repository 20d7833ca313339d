// What the console pages send: JSON over the signed-in session, with the CSRF token every change needs.
const csrf = document.querySelector('meta[name="csrf-token"]')?.content ?? '';

export function send(method, path, body) {
  return fetch(path, {
    method, credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf }, body: JSON.stringify(body ?? {}),
  });
}

/** POSTs and shows the server's error in {@code errorEl} (cleared on success); true if it worked. */
export async function postShowingError(path, body, errorEl) {
  const res = await send('POST', path, body);
  errorEl.textContent = res.ok ? '' : (await res.json()).error;
  return res.ok;
}
