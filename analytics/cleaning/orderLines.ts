/** Standardizes one raw order line (canonical columns, text) into a typed line. */
import type { Channel } from '../../config/canonical';
import { lineKind, normalizeChannel, type LineKind } from './codes';
import {
  checkCurrency, COUNT_BOUNDS, optionalNumber, QUANTITY_BOUNDS, optionalText, requiredAmount, requiredText, requiredTimestamp,
  RowRejection, standardizeWith, type CleanContext, type RawRow, type Standardized,
} from './fields';

export interface CleanOrderLine {
  orderId: string;
  lineNo: number;
  customerId: string;
  orderedAt: Date;
  channel: Channel | null;
  productId: string | null;
  category: string | null;
  quantity: number;
  unitPrice: number | null;
  /** Signed: returns and cancellations are negative. */
  amount: number;
  kind: LineKind;
}

export function standardizeOrderLine(raw: RawRow, ctx: CleanContext): Standardized<CleanOrderLine> {
  return standardizeWith((rules) => {
    const orderId = requiredText(raw, 'order_id', rules);
    const customerId = requiredText(raw, 'customer_id', rules, 'missing_customer_id');
    const orderedAt = requiredTimestamp(raw, 'ordered_at', ctx, rules);
    let amount = requiredAmount(raw, 'amount', ctx, rules);
    checkCurrency(raw, 'currency', ctx, rules);
    const channelText = optionalText(raw, 'channel', rules);
    const channel = normalizeChannel(channelText);
    if (channelText !== undefined && channel === undefined) throw new RowRejection('unknown_channel', 'channel', `channel "${channelText}" is unknown`);
    if (channel !== undefined && channel !== channelText) rules.add('channel_alias');
    let quantity = optionalNumber(raw, 'quantity', ctx, rules, 'invalid_quantity', QUANTITY_BOUNDS);
    if (quantity === undefined) {
      quantity = 1;
      rules.add('quantity_defaulted');
    }
    const kind = lineKind(optionalText(raw, 'status', rules), amount);
    // Returns and cancellations are stored negative whatever sign the export used.
    if (kind !== 'sale') {
      amount = -Math.abs(amount);
      quantity = -Math.abs(quantity);
    }
    const lineNo = optionalNumber(raw, 'line_no', ctx, rules, 'missing_required', COUNT_BOUNDS) ?? 1;
    return {
      orderId,
      lineNo,
      customerId,
      orderedAt,
      channel: channel ?? null,
      productId: optionalText(raw, 'product_id', rules) ?? null,
      category: optionalText(raw, 'category', rules) ?? null,
      quantity,
      unitPrice: optionalText(raw, 'unit_price', rules) === undefined ? null : requiredAmount(raw, 'unit_price', ctx, rules),
      amount,
      kind,
    };
  });
}
