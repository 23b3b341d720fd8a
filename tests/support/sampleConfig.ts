/** A generated sample's source config, as the operations tests run it. */
import { loadSourceConfigFile } from '../../config/load';
import type { SourceConfig } from '../../config/sources';

/**
 * The config with a small L2 penalty on the value stage's fit: on these few-thousand-customer
 * samples the unpenalized BG/NBD fit can degenerate (the stage then values customers without
 * the model and says to set a penalty); with it every run takes the same, modelled path.
 */
export function loadSampleConfig(sourcesPath: string): SourceConfig {
  const config = loadSourceConfigFile(sourcesPath);
  return { ...config, valuation: { ...config.valuation, penalty: 0.001 } };
}
