import 'reflect-metadata';
import { INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Redis } from 'ioredis';
import type { RequestListener, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Request, Response } from 'express';
import { Database, migrate, openDatabase } from '#database';
import { Logger, NestLogger, createLogger, isOperationsPath, localUrl, requestLog } from '#process';
import { AppModule } from './app.module';
import type { ControlPlaneConfig } from './config';
import { DomainErrorFilter } from './http/domain-error.filter';
import { jsonBody } from './http/json-body';
import { listenerSplit, startInternalListener } from './http/internal-listener';
import { InputShapePipe } from './http/input-shape.pipe';
import { securityHeaders } from './http/security-headers';
import { ObjectBodyPipe, createValidationPipe } from './http/validation';
import { InfrastructureModule } from './infrastructure/infrastructure.module';
import { ControlPlaneMetrics } from './observability/metrics';
import { seedDemo } from './seed/demo-seed';

export interface ControlPlane {
  app: INestApplication;
  /** Where it listens, e.g. http://127.0.0.1:41234 (the real port when PORT was 0). */
  url: string;
  db: Database;
  close(): Promise<void>;
}

/** Health probes, metrics scrapes and the calls of ingest and the workers (ingest polls its key cache every 2 s). */
function isRoutineRequest(path: string): boolean {
  return isOperationsPath(path) || path.startsWith('/api/internal/');
}

/** Opens the database (migrated) and Redis, builds the Nest app, seeds the demo when asked, listens on HOST:PORT. */
export async function createControlPlane(
  config: ControlPlaneConfig,
  logger: Logger = createLogger({ service: 'control-plane', level: config.LOG_LEVEL }),
): Promise<ControlPlane> {
  const db = await openDatabase({
    url: config.DATABASE_URL,
    schema: config.DATABASE_SCHEMA,
    pgliteDir: config.PGLITE_DIR,
  });
  const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null, lazyConnect: true });
  // Without a listener ioredis prints every reconnect error; /health reports Redis being down instead.
  redis.on('error', () => undefined);
  let app: NestExpressApplication | undefined;
  try {
    await migrate(db);
    await redis.connect();
    const metrics = new ControlPlaneMetrics();

    @Module({ imports: [InfrastructureModule.forRoot({ db, redis, config, metrics }), AppModule] })
    class RootModule {}

    app = await NestFactory.create<NestExpressApplication>(RootModule, {
      logger: new NestLogger(logger),
      bodyParser: false,
    });
    app.set('trust proxy', config.TRUST_PROXY);
    app.disable('x-powered-by');
    app.use(securityHeaders());
    app.use(listenerSplit(config.INTERNAL_PORT !== undefined));
    app.use(
      requestLog<Request, Response>({
        logger,
        routine: isRoutineRequest,
        observe: (req, res, seconds) => metrics.observeRequest(req, res, seconds),
      }),
    );
    app.use(jsonBody());
    app.useGlobalPipes(new ObjectBodyPipe(), new InputShapePipe(), createValidationPipe());
    app.useGlobalFilters(new DomainErrorFilter());
    const document = SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('Webcast platform: control plane')
        .setDescription(
          'Accounts, orders (licences), named organizers, events and registration. Errors: { statusCode, error, message, field }.',
        )
        .setVersion('1')
        .addBearerAuth()
        .build(),
    );
    SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });

    // Seed before listening, so the first request that gets an answer can already use the demo logins.
    if (config.SEED_DEMO) logger.info({ demo: await seedDemo(app) }, 'demo account');
    await app.listen(config.PORT, config.HOST);
    const port = (app.getHttpServer().address() as AddressInfo).port;
    // Later readers of CONFIG (join links, banners) see the port actually bound.
    config.PORT = port;
    const url = localUrl(config.HOST, port);
    let internal: Server | undefined;
    if (config.INTERNAL_PORT !== undefined) {
      const bound = await startInternalListener(
        app.getHttpAdapter().getInstance() as RequestListener,
        config.INTERNAL_HOST,
        config.INTERNAL_PORT,
      );
      internal = bound.server;
      config.INTERNAL_PORT = bound.port;
      logger.info({ url: localUrl(config.INTERNAL_HOST, bound.port) }, 'internal API listening');
    }
    logger.info({ url, database: db.kind }, 'control plane listening');

    const started = app;
    let closing: Promise<void> | undefined;
    return {
      app: started,
      url,
      db,
      close: () =>
        (closing ??= (async () => {
          if (internal) {
            internal.closeAllConnections();
            await new Promise<void>((resolve) => internal.close(() => resolve()));
          }
          await started.close();
          redis.disconnect();
          await db.close();
        })()),
    };
  } catch (e) {
    await app?.close().catch(() => undefined);
    redis.disconnect();
    await db.close().catch(() => undefined);
    throw e;
  }
}
