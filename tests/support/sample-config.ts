/** A generated sample's source config, as the operations tests run it. */
import { loadSourceConfigFile } from '../../config/load';
import type { SourceConfig } from '../../config/sources';

/**
 * The config with a small L2 penalty on the value stage's fit: on these few-thousand-customer
 * samples the unpenalized BG/NBD fit can degenerate (the stage's own error says to set one),
 * and the faults under test are elsewhere.
 */
export function loadSampleConfig(sourcesPath: string): SourceConfig {
  const config = loadSourceConfigFile(sourcesPath);
  return { ...config, valuation: { ...config.valuation, penalty: 0.001 } };
}
