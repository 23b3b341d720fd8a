/** A Temporal client for one CLI command, on the environment's cluster or the running local stack. */
import type { Client } from '@temporalio/client';
import { loadConfig, type AppConfig } from '../../infra/config';
import { resolveEndpoints, type StackEndpoints } from '../../infra/stack';
import { connectClient } from '../../infra/temporal';

export async function withClient<T>(fn: (client: Client, config: AppConfig, endpoints: StackEndpoints) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const endpoints = await resolveEndpoints(config);
  const client = await connectClient(config, endpoints.temporalAddress);
  try {
    return await fn(client, config, endpoints);
  } finally {
    await client.connection.close();
  }
}

/** Where a workflow shows in the Web UI of a local stack (nothing for a remote cluster). */
export function workflowUrl(endpoints: StackEndpoints, config: AppConfig, workflowId: string): string {
  return endpoints.uiUrl ? ` — ${endpoints.uiUrl}/namespaces/${config.temporal.namespace}/workflows/${workflowId}` : '';
}
