import { createServer } from 'node:http';
import { Redis } from 'ioredis';
import { Server } from 'socket.io';
import { createAdapter } from '@socket.io/redis-adapter';

// The chat bench's baseline node: Socket.io with the same Redis adapter and options as an admission node, and nothing
// else (no auth, no ledger, no chat script). Every socket joins one room; a 'say' is re-broadcast to it as a message
// shaped like a ChatMessage, so both runs put the same bytes on the wire. Prints `ready <port>` once listening.
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const PREFIX = process.env.REDIS_PREFIX ?? 'bench:bare-chat';
const ROOM = 'chat';

const http = createServer();
const pub = new Redis(REDIS_URL);
const sub = new Redis(REDIS_URL);
const io = new Server(http, {
  transports: ['websocket'],
  serveClient: false,
  maxHttpBufferSize: 16_384,
  adapter: createAdapter(pub, sub, { key: `${PREFIX}:socket.io` }),
});
let seq = 0;
io.on('connection', (socket) => {
  void socket.join(ROOM);
  socket.emit('joined');
  socket.on('say', (m: { text?: unknown }, ack?: (a: { ok: boolean }) => void) => {
    const text = typeof m?.text === 'string' ? m.text : '';
    io.to(ROOM).emit('chat:message', {
      id: `${Date.now()}-${seq++}`,
      eventId: PREFIX,
      author: { name: 'Attendee' },
      text,
      at: new Date().toISOString(),
    });
    if (typeof ack === 'function') ack({ ok: true });
  });
});
http.listen(0, '127.0.0.1', () => {
  const addr = http.address();
  console.log(`ready ${typeof addr === 'object' && addr ? addr.port : 0}`);
});
process.on('SIGTERM', () => {
  void io.close();
  void Promise.allSettled([pub.quit(), sub.quit()]).then(() => process.exit(0));
});
