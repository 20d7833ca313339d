// Users and roles (admin): create, disable or enable, set a new password. Text only.
import { get, once, onSubmitOnce, postShowingError } from './api.js';
import { button, cell } from './table.js';
import { ask } from './dialogs.js';

const table = document.getElementById('users');
const body = table.querySelector('tbody');
const error = document.getElementById('users-error');

const post = (path, payload) => postShowingError(path, payload, error);

function newPassword(username) {
  const dialog = document.getElementById('password-dialog');
  document.getElementById('password-label').textContent = table.dataset.newPassword + ' ' + username;
  const input = document.getElementById('password-input');
  input.value = '';
  return ask(dialog, () => input.value);
}

async function refresh() {
  const res = await get('/api/users');
  if (!res.ok) return;
  body.replaceChildren();
  for (const u of await res.json()) {
    const tr = document.createElement('tr');
    tr.dataset.user = u.username;
    tr.dataset.disabled = String(u.disabled);
    const actions = document.createElement('td');
    const toggle = button(u.disabled ? table.dataset.enable : table.dataset.disable, () => once(toggle, async () => {
      await post('/api/users/' + u.id + (u.disabled ? '/enable' : '/disable'));
      refresh();
    }));
    const reset = button(table.dataset.reset, () => once(reset, async () => {
      const pw = await newPassword(u.username);
      if (pw) await post('/api/users/' + u.id + '/password', { password: pw });
    }));
    actions.append(toggle, reset);
    tr.append(cell(u.username), cell(u.displayName), cell(u.role), cell(u.team),
      cell(u.disabled ? table.dataset.disabled : table.dataset.active), actions);
    body.append(tr);
  }
}

// Once however Opret is clicked: a double click must not send the account twice ("username taken").
onSubmitOnce(document.getElementById('user-new'), async (f) => {
  if (await post('/api/users', { username: f.username.value, displayName: f.displayName.value, role: f.role.value,
    team: f.team.value || null, password: f.password.value })) {
    f.reset();
    refresh();
  }
});

refresh();
