// Following the FHIRcast hub for one signed-in browser session. The page hands over the hub's
// details (from its URL fragment) on its own origin; the subscription is made here because the
// hub answers no CORS preflight. The hub token is never logged or stored beyond the connection.
// Needs Node's WebSocket (node --experimental-websocket on Node 20).
export async function subscribe({ url, topic, token }, onEvent) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      'hub.channel.type': 'websocket',
      'hub.mode': 'subscribe',
      'hub.topic': topic,
      'hub.events': 'Patient-open,Patient-close,UserLogout,UserHibernate',
      'subscriber.name': 'Web EPR',
    }).toString(),
  });
  const answer = await response.json().catch(() => ({}));
  if (response.status !== 202 || !answer['hub.channel.endpoint']) {
    throw new Error(`the hub refused the subscription (${response.status})`);
  }
  const socket = new WebSocket(answer['hub.channel.endpoint']);
  socket.addEventListener('message', ({ data }) => {
    const message = JSON.parse(String(data));
    const { event } = message;
    if (!event) return; // the subscription's confirmation
    socket.send(JSON.stringify({ id: message.id, status: 200 })); // FHIRcast 3: acknowledge
    const name = String(event['hub.event']).toLowerCase();
    const patient = (event.context ?? []).find((c) => c.key === 'patient')?.resource;
    onEvent(name, patient);
  });
  return socket;
}

// The NHS number of a FHIR Patient.
export function nhsNumberOf(patient) {
  return patient?.identifier?.find((i) => i.system === 'https://fhir.nhs.uk/Id/nhs-number')?.value ?? patient?.id;
}
