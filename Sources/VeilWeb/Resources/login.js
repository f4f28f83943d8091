'use strict';
document.getElementById('login-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const error = document.getElementById('login-error');
  error.textContent = '';
  const response = await fetch('/api/session', {
    method: 'POST', headers: {'Content-Type': 'application/json'}, credentials: 'same-origin',
    body: JSON.stringify({user: document.getElementById('user').value, password: document.getElementById('password').value}),
  });
  if (response.status === 204) {
    const next = new URLSearchParams(location.search).get('next');
    location.href = next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
  } else {
    const body = await response.json().catch(() => ({}));
    error.textContent = body.error || ('Login failed (' + response.status + ')');
  }
});
