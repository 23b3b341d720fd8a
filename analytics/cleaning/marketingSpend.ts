/** Standardizes one raw marketing-spend row (channel × month). */
import type { Channel } from '../../config/canonical';
import type { DateFormat } from '../../config/sources';
import { normalizeChannel } from './codes';
import {
  checkCurrency, COUNT_BOUNDS, optionalNumber, requiredAmount, requiredCalendarDate, requiredText,
  RowRejection, standardizeWith, type CleanContext, type RawRow, type Standardized,
} from './fields';

/** Spend is booked per month: `2024-03` is read first, then the source's own formats. */
export function monthFormats(formats: readonly DateFormat[]): DateFormat[] {
  return ['yyyy-MM', ...formats];
}

export interface CleanMarketingSpend {
  /** First day of the month, YYYY-MM-01. */
  month: string;
  channel: Channel;
  spend: number;
  newCustomers: number | null;
}

export function standardizeMarketingSpend(raw: RawRow, ctx: CleanContext): Standardized<CleanMarketingSpend> {
  return standardizeWith((rules) => {
    const { year, month: m } = requiredCalendarDate(raw, 'month', monthFormats(ctx.dateFormats), ctx, rules);
    const month = `${year}-${String(m).padStart(2, '0')}-01`;
    const channelText = requiredText(raw, 'channel', rules);
    const channel = normalizeChannel(channelText);
    if (!channel) throw new RowRejection('unknown_channel', 'channel', `channel "${channelText}" is unknown`);
    if (channel !== channelText) rules.add('channel_alias');
    checkCurrency(raw, 'currency', ctx, rules);
    return {
      month,
      channel,
      spend: requiredAmount(raw, 'spend', ctx, rules),
      newCustomers: optionalNumber(raw, 'new_customers', ctx, rules, 'invalid_quantity', COUNT_BOUNDS) ?? null,
    };
  });
}
