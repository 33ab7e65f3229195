// The web EPR's HTML. The script in every signed-in page reads the hub's details from the URL
// fragment, removes the fragment from the address bar and history, hands the details to the
// server on this origin, and follows the patient the server's event stream announces.
const escape = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const follow = `<script>
(async () => {
  const fragment = new URLSearchParams(location.hash.slice(1));
  if (fragment.get('hub.url')) {
    history.replaceState(null, '', location.pathname);
    await fetch('/hub/subscribe', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ url: fragment.get('hub.url'), topic: fragment.get('hub.topic'),
                             token: fragment.get('hub.token') }) });
  }
  const events = new EventSource('/events');
  events.onmessage = (m) => {
    const { patient, loggedOut } = JSON.parse(m.data);
    if (loggedOut) location.href = '/signed-out';
    else if (patient !== undefined) location.href = patient ? '/patient/' + patient : '/';
  };
})();
</script>`;

export const page = (title, body, script = true) => `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>${escape(title)}</title>
<style>body{font-family:sans-serif;margin:2em} #user{color:#005eb8}</style></head>
<body><h1>Web EPR</h1>
${body}
${script ? follow : ''}
</body></html>
`;

export const signedIn = (user) =>
  `<p id="user">Signed in as ${escape(user.name)}</p><p id="role">${escape(user.role ?? 'no role selected')}</p>`;

export const patientPage = (user, nhsNumber) =>
  page(`Web EPR`, `${signedIn(user)}<h2>Patient</h2><p>NHS number <span id="nhs-number">${escape(nhsNumber)}</span></p>`);

export const homePage = (user) => page('Web EPR', `${signedIn(user)}<p id="no-patient">No patient open</p>`);

export const errorPage = (status, message) => page('Web EPR: error', `<p id="error">${status}: ${escape(message)}</p>`, false);
