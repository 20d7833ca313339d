// Users and roles (admin): create, disable or enable, set a new password. Text only.
import { postShowingError } from './api.js';
import { button, cell } from './table.js';

const table = document.getElementById('users');
const body = table.querySelector('tbody');
const error = document.getElementById('users-error');

const post = (path, payload) => postShowingError(path, payload, error);

function newPassword(username) {
  const dialog = document.getElementById('password-dialog');
  document.getElementById('password-label').textContent = table.dataset.newPassword + ' ' + username;
  const input = document.getElementById('password-input');
  input.value = '';
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok' ? input.value : null), { once: true });
    dialog.showModal();
  });
}

async function refresh() {
  const res = await fetch('/api/users', { credentials: 'same-origin' });
  if (!res.ok) return;
  body.replaceChildren();
  for (const u of await res.json()) {
    const tr = document.createElement('tr');
    tr.dataset.user = u.username;
    tr.dataset.disabled = String(u.disabled);
    const actions = document.createElement('td');
    actions.append(button(u.disabled ? table.dataset.enable : table.dataset.disable, async () => {
      await post('/api/users/' + u.id + (u.disabled ? '/enable' : '/disable'));
      refresh();
    }), button(table.dataset.reset, async () => {
      const pw = await newPassword(u.username);
      if (pw) await post('/api/users/' + u.id + '/password', { password: pw });
    }));
    tr.append(cell(u.username), cell(u.displayName), cell(u.role), cell(u.team),
      cell(u.disabled ? table.dataset.disabled : table.dataset.active), actions);
    body.append(tr);
  }
}

document.getElementById('user-new').addEventListener('submit', async (e) => {
  e.preventDefault();
  const f = e.target;
  if (await post('/api/users', { username: f.username.value, displayName: f.displayName.value, role: f.role.value,
    team: f.team.value || null, password: f.password.value })) {
    f.reset();
    refresh();
  }
});

refresh();
