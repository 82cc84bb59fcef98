import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';

/** A route in the shape Bolt's `customRoutes` takes, so the Slack receiver can serve it on PORT. */
export interface HttpRoute {
  path: string;
  method: string;
  handler: (req: IncomingMessage, res: ServerResponse) => void;
}

export interface HealthChecks {
  /** The store answers a query. */
  storeReachable(): Promise<boolean>;
  /** The polling scheduler is running. */
  schedulerRunning(): boolean;
}

/** /healthz (process up), /readyz (store reachable, scheduler running), /metrics (Prometheus). */
export function healthRoutes(checks: HealthChecks, registry: Registry): HttpRoute[] {
  const send = (res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void => {
    res.writeHead(status, { 'content-type': type }).end(body);
  };
  return [
    { path: '/healthz', method: 'GET', handler: (_req, res) => send(res, 200, 'ok\n') },
    {
      path: '/readyz',
      method: 'GET',
      handler: (_req, res) => {
        void checks.storeReachable().then(
          (store) => {
            const scheduler = checks.schedulerRunning();
            send(res, store && scheduler ? 200 : 503, `store: ${store ? 'ok' : 'unreachable'}\nscheduler: ${scheduler ? 'running' : 'stopped'}\n`);
          },
          () => send(res, 503, 'store: unreachable\n'),
        );
      },
    },
    {
      path: '/metrics',
      method: 'GET',
      handler: (_req, res) => {
        void registry.metrics().then((text) => send(res, 200, text, registry.contentType), (error: Error) => send(res, 500, error.message));
      },
    },
  ];
}

/** Serve the routes on their own server (when no Slack HTTP receiver holds PORT). */
export function startHttpServer(routes: HttpRoute[], port: number): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const route = routes.find((r) => r.path === path && r.method === req.method);
    if (route) route.handler(req, res);
    else res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => resolve(server));
  });
}
