import * as http from 'http';
import * as https from 'https';
import { AddressInfo } from 'net';

/** Runs `use` while the server listens on 127.0.0.1 (given its origin), and closes the server after it. */
export async function onLoopback(server: http.Server, use: (origin: string) => Promise<void>): Promise<void> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const scheme = server instanceof https.Server ? 'https' : 'http';
    await use(`${scheme}://127.0.0.1:${(server.address() as AddressInfo).port}`);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
