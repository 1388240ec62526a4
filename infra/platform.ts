import { App, Tags } from 'aws-cdk-lib';
import { API_FUNCTIONS } from '../functions/api.ts';
import { writeOpenApiDocument } from './api-build.ts';
import { deploymentConfig } from './config.ts';
import { acknowledge } from './constructs/nag.ts';
import { ApiStack } from './stacks/api-stack.ts';
import { DataStack } from './stacks/data-stack.ts';
import { KpiStack } from './stacks/kpi-stack.ts';
import { LifecycleStack } from './stacks/lifecycle-stack.ts';
import { MailStack } from './stacks/mail-stack.ts';
import { MonitoringStack } from './stacks/monitoring-stack.ts';
import { RoutingStack } from './stacks/routing-stack.ts';
import { WebhooksStack } from './stacks/webhooks-stack.ts';
import { writePages } from './web-pages.ts';

/** All stacks of the platform, wired together; `app.ts` synthesises them, tests inspect them. */
export function buildApp(app = new App()): App {
  // The page functions import the pages with their scripts bundled in, and the OpenAPI function its
  // document: both written before the functions are bundled.
  writePages();
  writeOpenApiDocument(API_FUNCTIONS);
  const config = deploymentConfig(app);
  const prefix = config.stackPrefix;
  const data = new DataStack(app, `${prefix}-Data`, config);
  const mail = new MailStack(app, `${prefix}-Mail`, config, data);
  const routing = new RoutingStack(app, `${prefix}-Routing`, config, data, mail);
  const webhooks = new WebhooksStack(app, `${prefix}-Webhooks`, config, data);
  const api = new ApiStack(app, `${prefix}-Api`, config, data, mail, routing, webhooks);
  const lifecycle = new LifecycleStack(app, `${prefix}-Lifecycle`, config, data, mail);
  const kpi = new KpiStack(app, `${prefix}-Kpi`, config, data);
  new MonitoringStack(app, `${prefix}-Monitoring`, config, {
    api,
    others: [data, mail, routing, webhooks, lifecycle, kpi],
  });
  acknowledge(app, data.indexGrantAcknowledgments());
  Tags.of(app).add('project', 'motcua');
  return app;
}
