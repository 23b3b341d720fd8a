/**
 * Renders the scheduled orders, in time order, into their sources (store channel → the
 * GBK export, others → the database): the source's timestamp and money styles, the
 * order's fault role, returns as negative lines dated after the sale, and the survey
 * answers that follow some orders. Every emitted row is tallied where it lands.
 */
import { CITIES } from '../../analytics/cleaning/cities';
import { CHANNELS, type Channel } from '../../config/canonical';
import { drawBasket, type BasketLine } from './baskets';
import { BEHAVIOURS, VOICES, type Behaviour } from './behaviours';
import { SECONDS_PER_DAY } from '../../analytics/calendar';
import { windowLastSecond, type Calendar } from './calendar';
import type { Shelf } from './catalog';
import { flushFull, type CsvWriter } from './csvWriter';
import { GARBAGE_AMOUNTS, GARBAGE_TIMESTAMPS, TIMESTAMP_STYLES, formatAmount, formatDate, formatTimestamp, formatYuan, type TimestampStyle } from './formats';
import { ORDER_FAULTS, Tally, assignFaults, type OrderFault } from './mess';
import { DroppedOrders, type OrderSink, type RenderedLine, type RenderedOrder } from './orderSinks';
import { ONLINE_STYLES, STORE_STYLES, amountMess, type SourceStyles } from './orderStyles';
import { customerId, type Population } from './population';
import { Random } from '../../analytics/random';
import type { Schedule } from './schedule';
import type { SurveyRecorder } from './surveys';
import { RevenueTruth } from './truth';

const STORE_SUFFIXES = ['万达店', '中心店', '旗舰店', '东站店', '步行街店'];
const PROGRESS_EVERY = 20_000;
const FLUSH_EVERY = 1_024;

export interface OrderRun {
  seed: number;
  calendar: Calendar;
  population: Population;
  schedule: Schedule;
  /** Per scheduled order, 1 when the planted channel drop removes it (plantChannelDrop). */
  dropped: Uint8Array;
  catalog: readonly Shelf[];
  online: OrderSink;
  store: OrderSink;
  surveys: SurveyRecorder;
  truth: RevenueTruth;
  /** True amounts in fen of the rows each fault touched. */
  faultRevenue: Tally;
  /** Every open writer, flushed as their buffers fill. */
  writers: readonly CsvWriter[];
  onProgress?: (done: number, total: number) => void;
}

/** A line ready to emit, with the fault kind its amount notation counts as. */
interface Rendered {
  line: RenderedLine;
  mess?: string;
}

/** One order being written: its sink, styles, fault and rendered header. */
interface OrderContext {
  sink: OrderSink;
  /** Where its true amounts are counted (a scratch tally for a dropped order). */
  truth: RevenueTruth;
  styles: SourceStyles;
  fault?: OrderFault;
  header: RenderedOrder;
  /** DATE_FORMATS entry of the header's time; undefined when it is garbage. */
  format?: string;
}

function emit(ctx: OrderContext, order: RenderedOrder, rendered: Rendered, format: string | undefined): void {
  ctx.sink.line(order, rendered.line);
  if (format) ctx.sink.dateFormats.add(format);
  if (rendered.mess) ctx.sink.mess.add(rendered.mess);
}

/** A sale line (index j of its basket) with its amount as written. */
function renderLine(item: BasketLine, j: number, amount: string, mess?: string): Rendered {
  return {
    line: {
      lineNo: j + 1, productId: item.productId, category: item.category, quantity: String(item.quantity),
      unitPrice: formatYuan(item.unitFen), amount, status: 'completed', returnedAt: null,
    },
    mess,
  };
}

/** Fault roles for every scheduled order, drawn per source. */
function faultRoles(seed: number, schedule: Schedule): Uint8Array {
  const roles = new Uint8Array(schedule.size);
  const store = CHANNELS.indexOf('store');
  for (const isStore of [true, false]) {
    const orders: number[] = [];
    for (let k = 0; k < schedule.size; k++) if ((schedule.channel[k] === store) === isStore) orders.push(k);
    assignFaults(Random.stream(seed, isStore ? 'faults-store' : 'faults-online'), Uint32Array.from(orders), roles);
  }
  return roles;
}

/** Writes every scheduled order into its sink. */
export async function writeOrders(run: OrderRun): Promise<void> {
  const { calendar, population, schedule } = run;
  const rng = Random.stream(run.seed, 'orders');
  const roles = faultRoles(run.seed, schedule);
  const lastSecond = windowLastSecond(calendar);
  let sequence = 0;
  const orderId = (isStore: boolean, at: number) => `${isStore ? 'MD' : ''}${formatDate('compact', Math.floor(at / SECONDS_PER_DAY))}${String(++sequence).padStart(8, '0')}`;

  const renderHeader = (c: number, at: number, channel: Channel, fault: OrderFault | undefined, style: TimestampStyle): RenderedOrder => {
    const id = customerId(c);
    return {
      orderId: orderId(channel === 'store', at),
      customerId: fault === 'missing_customer_id' ? null
        : fault === 'unknown_customer_id' ? `C9${String(rng.int(10_000_000)).padStart(7, '0')}`
        : fault === 'padded_customer_id' ? rng.pick([` ${id}`, `${id} `, `  ${id} `])
        : id,
      orderedAt: fault === 'garbage_date' ? rng.pick(GARBAGE_TIMESTAMPS) : formatTimestamp(style, at),
      channel,
      store: channel === 'store' ? `${CITIES[population.city[c]].zh}${STORE_SUFFIXES[c % STORE_SUFFIXES.length]}` : '',
      currency: 'CNY',
    };
  };

  const renderLines = (ctx: OrderContext, basket: readonly BasketLine[], target: number): Rendered[] =>
    basket.map((item, j) => {
      if (ctx.fault === 'garbage_amount' && j === target) return renderLine(item, j, rng.pick(GARBAGE_AMOUNTS));
      if (ctx.fault === 'outlier_amount' && j === target) return renderLine(item, j, formatYuan(item.amountFen * 1_000));
      const style = rng.weighted(ctx.styles.amounts);
      return renderLine(item, j, formatAmount(style, item.amountFen), amountMess(style));
    });

  const writeReturns = (ctx: OrderContext, at: number, behaviour: Behaviour, basket: readonly BasketLine[], lines: readonly Rendered[]) => {
    lines.forEach(({ line }, j) => {
      if (!rng.chance(behaviour.returnRate)) return;
      const returnAt = at + rng.between(3, 30) * SECONDS_PER_DAY + rng.int(SECONDS_PER_DAY);
      if (returnAt > lastSecond) return;
      const style = rng.weighted(ctx.styles.timestamps);
      const returned: RenderedLine = {
        ...line, quantity: String(-basket[j].quantity), amount: formatYuan(-basket[j].amountFen), status: 'returned',
        returnedAt: formatTimestamp(style, returnAt),
      };
      emit(ctx, ctx.header, { line: returned }, TIMESTAMP_STYLES[style]);
      ctx.truth.add(returnAt, -basket[j].amountFen);
      ctx.sink.mess.add('return_line');
    });
  };

  // A dropped order is rendered like any other (its draws keep every later one in place) into
  // sinks that write nothing and tallies that are thrown away.
  const dropped = { online: new DroppedOrders(run.online), store: new DroppedOrders(run.store), truth: new RevenueTruth(), faultRevenue: new Tally() };
  for (let k = 0; k < schedule.size; k++) {
    const c = schedule.customer[k];
    const at = schedule.at[k];
    const channel = CHANNELS[schedule.channel[k]];
    const isStore = channel === 'store';
    const behaviour = BEHAVIOURS[population.behaviour[c]];
    const fault = roles[k] === 0 ? undefined : ORDER_FAULTS[roles[k] - 1];
    const basket = drawBasket(rng, behaviour, run.catalog, calendar.festival[Math.floor(at / SECONDS_PER_DAY) - calendar.firstDay]);
    const styles = isStore ? STORE_STYLES : ONLINE_STYLES;
    const style = rng.weighted(styles.timestamps);
    const kept = run.dropped[k] === 0;
    const ctx: OrderContext = {
      sink: isStore ? (kept ? run.store : dropped.store) : (kept ? run.online : dropped.online), truth: kept ? run.truth : dropped.truth, styles, fault,
      header: renderHeader(c, at, channel, fault, style),
      format: fault === 'garbage_date' ? undefined : TIMESTAMP_STYLES[style],
    };
    const target = rng.int(basket.length);
    const lines = renderLines(ctx, basket, target);
    ctx.sink.header(ctx.header);
    lines.forEach((rendered, j) => {
      emit(ctx, ctx.header, rendered, ctx.format);
      ctx.truth.add(at, basket[j].amountFen);
      if (fault === 'exact_duplicate' && j === target) emit(ctx, ctx.header, rendered, ctx.format);
    });
    const touched = fault === 'exact_duplicate' || fault === 'garbage_amount' || fault === 'outlier_amount' ? [basket[target]] : basket;
    if (fault) {
      ctx.sink.mess.add(fault, touched.length);
      (kept ? run.faultRevenue : dropped.faultRevenue).add(fault, touched.reduce((sum, item) => sum + item.amountFen, 0));
    }
    if (fault === 'near_duplicate') {
      const copyAt = at + rng.between(60, 300);
      const copy: RenderedOrder = { ...ctx.header, orderId: orderId(isStore, copyAt), orderedAt: formatTimestamp(style, copyAt) };
      ctx.sink.header(copy);
      for (const rendered of lines) emit(ctx, copy, rendered, ctx.format);
    }
    if (!fault) writeReturns(ctx, at, behaviour, basket, lines);
    if (rng.chance(behaviour.surveyRate)) {
      run.surveys.answer({ customerId: customerId(c), voice: VOICES[population.voice[c]], vocal: behaviour.name === 'lapsed', orderAt: at, channel });
    }
    if (k % FLUSH_EVERY === 0) await flushFull(run.writers);
    if (k % PROGRESS_EVERY === 0) run.onProgress?.(k, schedule.size);
  }
  run.onProgress?.(schedule.size, schedule.size);
}
