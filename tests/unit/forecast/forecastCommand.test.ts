import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { readSeries, registerForecastCommand } from '../../../scripts/commands/forecast';

const dir = mkdtempSync(join(tmpdir(), 'forecast-cli-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

async function runCli(args: string[]): Promise<void> {
  const program = new Command().exitOverride();
  registerForecastCommand(program);
  await program.parseAsync(['node', 'cli', 'forecast', ...args]);
}

describe('forecast command', () => {
  it('names file, row and column of a bad value or period', async () => {
    const bad = file('bad.csv', 'series_id,period,value\na,2024-01,10\na,2024-02,abc\n');
    await expect(readSeries(bad)).rejects.toThrow(`${bad}: row 2 (line 3), column "value": "abc" is not a number`);
    const shifted = file('shifted.csv', 'series_id,period,value\na,2024-01,1,234.5\n');
    await expect(readSeries(shifted)).rejects.toThrow(`${shifted}: row 1, line 2: 4 fields where the header has 3 (malformed_row)`);
    const badPeriod = file('bad-period.csv', 'series_id,period,value\na,2024-13,10\n');
    await expect(readSeries(badPeriod)).rejects.toThrow(/row 1 \(line 2\), column "period": month 13/);
    const noColumn = file('no-column.csv', 'series_id,month,value\na,2024-01,1\n');
    await expect(readSeries(noColumn)).rejects.toThrow(/missing column\(s\) period/);
  });

  it('bounds every input: a horizon or season above its limit, a single point, values beyond ±1e15 fail before any model runs', async () => {
    const monthly = file('monthly.csv', 'series_id,period,value\na,2024-01,1\na,2024-02,2\na,2024-03,3\n');
    const out = join(dir, 'never.csv');
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    await expect(runCli(['--input', monthly, '--horizon', '10000000', '--output', out])).rejects.toThrow(/must be 1–3,650, got 10000000/);
    await expect(runCli(['--input', monthly, '--horizon', '2', '--season', '1000', '--output', out])).rejects.toThrow(/must be 1–366, got 1000/);
    await expect(runCli(['--input', monthly, '--horizon', '2', '--origins', '100', '--output', out])).rejects.toThrow(/must be 1–24, got 100/);
    stderr.mockRestore();
    await expect(runCli(['--input', monthly, '--horizon', '121', '--output', out])).rejects.toThrow('--horizon 121 is above the limit of 120 periods for series a (months: ten years)');
    await expect(runCli(['--input', file('one.csv', 'series_id,period,value\na,2024-01,100\n'), '--horizon', '2', '--output', out]))
      .rejects.toThrow('series a: 1 observation; a forecast with intervals needs at least 2');
    await expect(readSeries(file('huge.csv', 'series_id,period,value\nb,2024-01,1e200\n'))).rejects.toThrow(/column "value": "1e200" is not a number/);
    await expect(readSeries(file('huge2.csv', `series_id,period,value\nb,2024-01,${'9'.repeat(200)}\n`))).rejects.toThrow(/column "value": 9+ is beyond ±1000000000000000/);
    await expect(runCli(['--input', file('span.csv', 'series_id,period,value\nc,1900-01-01,1\nc,2024-01-01,2\n'), '--horizon', '2', '--output', out])).rejects.toThrow(/series c: spans 45291 days, above the limit of 20000/);
  });

  it('writes the exact columns with future periods in the input notation, filling and reporting gaps', async () => {
    const lines = ['series_id,period,value'];
    for (let k = 0; k < 40; k++) {
      if (k === 7) continue; // a gap
      // 2021-W30 … 2021-W52 (2021 has 52 ISO weeks), then 2022-W01 … 2022-W17.
      const week = k < 23 ? 30 + k : k - 22;
      const year = k < 23 ? 2021 : 2022;
      lines.push(`shop,${year}-W${String(week).padStart(2, '0')},${100 + k + (k % 4) * 3}`);
    }
    const input = file('weekly.csv', lines.join('\n'));
    const output = join(dir, 'out.csv');
    const errors: string[] = [];
    const spy = jest.spyOn(console, 'error').mockImplementation((m: string) => void errors.push(m));
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    await runCli(['--input', input, '--horizon', '3', '--season', '4', '--output', output, '--no-holidays']);
    spy.mockRestore();
    log.mockRestore();
    const rows = readFileSync(output, 'utf8').trim().split('\n');
    expect(rows[0]).toBe('series_id,period,step,forecast,lo80,hi80,lo95,hi95,model');
    expect(rows.slice(1).map((r) => r.split(',').slice(0, 3).join(','))).toEqual(['shop,2022-W18,1', 'shop,2022-W19,2', 'shop,2022-W20,3']);
    expect(errors.join('\n')).toMatch(/series shop: 1 missing period\(s\) filled \(interpolate\): 2021-W37/);
  });

  it('reads week-ending dates as weekly data, with the same forecasts as ISO weeks', async () => {
    const weeks: string[] = ['series_id,period,value'];
    const dates: string[] = ['series_id,period,value'];
    const firstSunday = Date.UTC(2022, 0, 9); // Sunday of ISO week 2022-W01
    for (let k = 0; k < 120; k++) {
      const sunday = new Date(firstSunday + k * 7 * 86_400_000);
      const iso = new Date(sunday.getTime() - 3 * 86_400_000); // the week's Thursday names its ISO year
      const week = Math.floor((iso.getTime() - Date.UTC(iso.getUTCFullYear(), 0, 1)) / (7 * 86_400_000)) + 1;
      const value = 200 + k + 40 * Math.sin((2 * Math.PI * k) / 52) + (k % 5) * 3;
      weeks.push(`shop,${iso.getUTCFullYear()}-W${String(week).padStart(2, '0')},${value}`);
      dates.push(`shop,${sunday.toISOString().slice(0, 10)},${value}`);
    }
    const run = async (name: string, text: string) => {
      const output = join(dir, `${name}-out.csv`);
      const quiet = [jest.spyOn(console, 'error').mockImplementation(() => undefined), jest.spyOn(console, 'log').mockImplementation(() => undefined)];
      await runCli(['--input', file(`${name}.csv`, text), '--horizon', '4', '--output', output]);
      quiet.forEach((spy) => spy.mockRestore());
      return readFileSync(output, 'utf8').trim().split('\n').slice(1).map((r) => r.split(','));
    };
    const byWeek = await run('iso-weeks', weeks.join('\n'));
    const byDate = await run('week-ending', dates.join('\n'));
    expect(byDate.map((r) => r[1])).toEqual(['2024-04-28', '2024-05-05', '2024-05-12', '2024-05-19']);
    expect(byWeek.map((r) => r[1])).toEqual(['2024-W17', '2024-W18', '2024-W19', '2024-W20']);
    // Same values, same season (52), same holiday weeks: the same forecasts and model.
    expect(byDate.map((r) => r.slice(2))).toEqual(byWeek.map((r) => r.slice(2)));
  });
});
