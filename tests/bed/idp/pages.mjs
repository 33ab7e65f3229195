// The few pages the IdP renders itself: errors (HTML or JSON) and the sign-out confirmation.

const escape = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const page = (title, body) => `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>${escape(title)}</title></head>
<body><h1>${escape(title)}</h1>
${body}
</body></html>
`;

// `fields` is an OAuth-style error object: {error, error_description, ...}.
function errorHtml(fields) {
  const rows = Object.entries(fields)
    .map(([k, v]) => `<dt>${escape(k)}</dt><dd id="${escape(k)}">${escape(v)}</dd>`).join('\n');
  return page('Sign-in failed', `<dl>\n${rows}\n</dl>`);
}

// Sends `fields` with `status` on a plain Node response, as JSON if the caller asked for it.
export function sendError(req, res, status, fields) {
  const json = /application\/json/.test(req.headers.accept ?? '');
  res.writeHead(status, {
    'Content-Type': json ? 'application/json' : 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  res.end(json ? JSON.stringify(fields) : errorHtml(fields));
}

// The Provider's renderError(ctx, out, error).
export async function renderError(ctx, out) {
  if (ctx.accepts('html', 'json') === 'json') {
    ctx.type = 'json';
    ctx.body = out;
  } else {
    ctx.type = 'html';
    ctx.body = errorHtml(out);
  }
}

// The Provider's features.rpInitiatedLogout.logoutSource(ctx, form): `form` is the hidden form
// (id "op.logoutForm", field xsrf) that must be POSTed with logout=yes to end the session.
export async function logoutSource(ctx, form) {
  ctx.type = 'html';
  ctx.body = page('Sign out?', `${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes">Yes, sign me out</button>
<button type="submit" form="op.logoutForm">No, stay signed in</button>`);
}
