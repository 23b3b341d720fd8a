/** What every activity needs, injected once by the worker (createActivities(deps)). */
import type { Knex } from 'knex';
import type { AppConfig } from '../infra/config';

export interface ActivityDeps {
  db: Knex;
  config: AppConfig;
}
