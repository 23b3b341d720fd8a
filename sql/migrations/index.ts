/**
 * The ordered list of migrations, imported statically so they run the same under tsx,
 * jest and a compiled build (knex's directory scanning needs a loader for .ts files).
 */
import type { Knex } from 'knex';
import * as runsAndCleaning from './20261126_001_runs_and_cleaning';
import * as profilesAndSegments from './20261127_002_profiles_and_segments';
import * as value from './20261127_003_value';
import * as forecast from './20261127_004_forecast';
import * as voice from './20261127_005_voice';
import * as publish from './20261127_006_publish';
import * as segmentInsights from './20261127_008_segment_insights';
import * as buyingStyle from './20261127_009_buying_style';
import * as forecastChoice from './20261207_010_forecast_choice';
import * as forecastRiskWarnings from './20261207_011_forecast_risk_warnings';
import * as forecastCustomerBased from './20261207_013_forecast_customer_based';
import * as forecastOutliers from './20261207_012_forecast_outliers';
import * as stagedRejectsAndPii from './20261207_02_staged_rejects_and_pii';
import * as artifactContent from './20261207_041_artifact_content';
import * as activeTimesAndAlternatives from './20261207_05_active_times_and_alternatives';
import * as extractionStore from './20261208_21_extraction_store';

const MIGRATIONS: Record<string, Knex.Migration> = {
  '20261126_001_runs_and_cleaning': runsAndCleaning,
  '20261127_002_profiles_and_segments': profilesAndSegments,
  '20261127_003_value': value,
  '20261127_004_forecast': forecast,
  '20261127_005_voice': voice,
  '20261127_006_publish': publish,
  '20261127_008_segment_insights': segmentInsights,
  '20261127_009_buying_style': buyingStyle,
  '20261207_010_forecast_choice': forecastChoice,
  '20261207_011_forecast_risk_warnings': forecastRiskWarnings,
  '20261207_012_forecast_outliers': forecastOutliers,
  '20261207_013_forecast_customer_based': forecastCustomerBased,
  '20261207_02_staged_rejects_and_pii': stagedRejectsAndPii,
  '20261207_041_artifact_content': artifactContent,
  '20261207_05_active_times_and_alternatives': activeTimesAndAlternatives,
  '20261208_21_extraction_store': extractionStore,
};

export const migrationSource: Knex.MigrationSource<string> = {
  getMigrations: async () => Object.keys(MIGRATIONS),
  getMigrationName: (name) => name,
  getMigration: async (name) => MIGRATIONS[name],
};
