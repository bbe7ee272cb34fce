// A bounded load from a second process: N POST /v1/events at a fixed concurrency; prints JSON figures.
const [url, token, n, concurrency] = [process.argv[2], process.argv[3], Number(process.argv[4]), Number(process.argv[5])];
const latencies = [];
let next = 0;
const started = performance.now();
async function worker() {
  while (next < n) {
    const i = next++;
    const body = JSON.stringify({ type: 'ticket.created', id: `LOAD-${i}`, ticket: { id: `L-${i}`, subject: 'Refund', text: 'Order O-1001 arrived broken.', customer_email: 'maria.lopez@example.com' } });
    const t = performance.now();
    const res = await fetch(`${url}/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body });
    await res.arrayBuffer();
    if (res.status !== 202) throw new Error(`status ${res.status}`);
    latencies.push(performance.now() - t);
  }
}
await Promise.all(Array.from({ length: concurrency }, worker));
const seconds = (performance.now() - started) / 1000;
latencies.sort((a, b) => a - b);
const pct = (p) => Math.round(latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)] * 10) / 10;
process.stdout.write(JSON.stringify({ count: latencies.length, seconds, events_per_s: Math.round(latencies.length / seconds), p50_ms: pct(50), p99_ms: pct(99) }));
