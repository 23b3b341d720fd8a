/**
 * Where rendered orders go. The online channels land in the operational database as
 * `orders` + `order_lines` (COPY payloads); the store channel is a flat GBK CSV export with
 * Chinese headers. Both count their rows per timestamp format for the manifest.
 */
import { CsvWriter } from './csvWriter';
import { Tally } from './mess';

/** An order header as exported (text, mess included). */
export interface RenderedOrder {
  orderId: string;
  customerId: string | null;
  orderedAt: string;
  channel: string;
  /** Store name (门店), store channel only. */
  store: string;
  currency: string;
}

/** An order line as exported; a return repeats the line with negative quantity and amount. */
export interface RenderedLine {
  lineNo: number;
  productId: string;
  category: string;
  quantity: string;
  unitPrice: string;
  amount: string;
  status: 'completed' | 'returned';
  /** Return time, returns only. */
  returnedAt: string | null;
}

export interface OrderSink {
  /** Source name in sources.json and the manifest. */
  readonly name: string;
  readonly writers: readonly CsvWriter[];
  /** Rows the pipeline will read from this source (view rows or file rows). */
  readonly rows: number;
  readonly orders: number;
  /** Faults by kind, in rows. */
  readonly mess: Tally;
  /** Rows per DATE_FORMATS entry of their timestamp. */
  readonly dateFormats: Tally;
  header(order: RenderedOrder): void;
  line(order: RenderedOrder, line: RenderedLine): void;
  /** A line that is not written (a dropped order's): it still takes its place in the source's numbering. */
  skipLine(): void;
}

/** Online orders: `source.orders` and `source.order_lines`, read through the flat view. */
export class DatabaseOrderSink implements OrderSink {
  readonly mess = new Tally();
  readonly dateFormats = new Tally();
  orders = 0;
  rows = 0;
  /** Line ids handed out, skipped lines included. */
  private lineIds = 0;

  constructor(
    readonly name: string,
    private readonly ordersTable: CsvWriter,
    private readonly linesTable: CsvWriter,
  ) {}

  get writers(): readonly CsvWriter[] {
    return [this.ordersTable, this.linesTable];
  }

  header(order: RenderedOrder): void {
    this.orders++;
    this.ordersTable.row([order.orderId, order.customerId, order.orderedAt, order.channel, order.currency]);
  }

  line(order: RenderedOrder, line: RenderedLine): void {
    this.rows++;
    this.linesTable.row([
      String(++this.lineIds), order.orderId, String(line.lineNo), line.productId, line.category,
      line.quantity, line.unitPrice, line.amount, line.status, line.returnedAt,
    ]);
  }

  skipLine(): void {
    this.lineIds++;
  }
}

/** Store orders: one flat row per line in the GBK export (a missing customer id is an empty cell). */
export class StoreExportSink implements OrderSink {
  readonly mess = new Tally();
  readonly dateFormats = new Tally();
  orders = 0;

  constructor(
    readonly name: string,
    private readonly file: CsvWriter,
  ) {}

  get writers(): readonly CsvWriter[] {
    return [this.file];
  }

  get rows(): number {
    return this.file.rows;
  }

  header(): void {
    this.orders++;
  }

  skipLine(): void {
    // Store lines are numbered within their order.
  }

  line(order: RenderedOrder, line: RenderedLine): void {
    this.file.row([
      order.orderId, String(line.lineNo), order.customerId ?? '', line.returnedAt ?? order.orderedAt, order.channel, order.store,
      line.productId, line.category, line.quantity, line.unitPrice, line.amount, order.currency, line.status,
    ]);
  }
}

/**
 * The orders of a source that are not placed (the planted channel drop): nothing is written
 * or counted, and each line only takes its place in the source's numbering, so the rows
 * after it read as they would without the drop.
 */
export class DroppedOrders implements OrderSink {
  readonly mess = new Tally();
  readonly dateFormats = new Tally();
  readonly writers: readonly CsvWriter[] = [];
  readonly rows = 0;
  readonly orders = 0;

  constructor(private readonly source: OrderSink) {}

  get name(): string {
    return this.source.name;
  }

  header(): void {
    // Not placed.
  }

  line(): void {
    this.source.skipLine();
  }

  skipLine(): void {
    this.source.skipLine();
  }
}
