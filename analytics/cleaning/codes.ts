/** Code lists that exports spell many ways: gender, channel, line status. */
import { CHANNELS, type Channel } from '../../config/canonical';

export type Gender = 'F' | 'M' | 'unknown';

const GENDERS: Record<string, Gender> = {
  f: 'F', female: 'F', woman: 'F', '女': 'F', '女性': 'F', '0': 'F',
  m: 'M', male: 'M', man: 'M', '男': 'M', '男性': 'M', '1': 'M',
};

/** 男/女/M/F/1/0 (1 = male, 0 = female as in the ID-card convention) → M/F; anything else unknown. */
export function normalizeGender(text: string | undefined): Gender {
  return (text && GENDERS[text.trim().toLowerCase()]) || 'unknown';
}

const CHANNEL_ALIASES: Record<string, Channel> = {
  app: 'app', 'mobile app': 'app', 'APP': 'app', 'ios': 'app', 'android': 'app', '手机app': 'app', '应用': 'app',
  web: 'web', website: 'web', online: 'web', pc: 'web', '网站': 'web', '官网': 'web', '网页': 'web',
  store: 'store', shop: 'store', offline: 'store', pos: 'store', '门店': 'store', '线下': 'store', '实体店': 'store',
  mini_program: 'mini_program', 'mini-program': 'mini_program', miniprogram: 'mini_program', 'mini program': 'mini_program',
  wechat: 'mini_program', '小程序': 'mini_program', '微信小程序': 'mini_program',
};

export function normalizeChannel(text: string | undefined): Channel | undefined {
  if (!text) return undefined;
  const key = text.trim();
  const found = CHANNEL_ALIASES[key] ?? CHANNEL_ALIASES[key.toLowerCase()];
  return found ?? (CHANNELS as readonly string[]).find((c) => c === key.toLowerCase()) as Channel | undefined;
}

export type LineKind = 'sale' | 'return' | 'cancelled';

const RETURN_STATUSES = /^(return(ed)?|refund(ed)?|退货|退款|已退货|已退款)$/i;
const CANCELLED_STATUSES = /^(cancel(l)?ed|void|已取消|取消)$/i;

export function lineKind(status: string | undefined, amount: number): LineKind {
  const s = status?.trim() ?? '';
  if (CANCELLED_STATUSES.test(s)) return 'cancelled';
  if (RETURN_STATUSES.test(s) || amount < 0) return 'return';
  return 'sale';
}

/** Mainland mobile numbers: strip +86/0086, spaces and dashes; undefined when not 11 digits starting with 1. */
export function normalizePhone(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const digits = text.replace(/[\s\-()]/g, '').replace(/^(\+86|0086|86(?=1\d{10}$))/, '');
  return /^1\d{10}$/.test(digits) ? digits : undefined;
}

/** Age band and generation used by every report. */
export function ageBand(birthYear: number | undefined, asOfYear: number): string {
  if (birthYear === undefined) return 'unknown';
  const age = asOfYear - birthYear;
  if (age < 18 || age > 100) return 'unknown';
  if (age < 25) return '18-24';
  if (age < 35) return '25-34';
  if (age < 45) return '35-44';
  if (age < 55) return '45-54';
  return '55+';
}

/** Chinese generation labels by birth decade (80后, 90后, 00后 …). */
export function generation(birthYear: number | undefined): string {
  if (birthYear === undefined) return 'unknown';
  if (birthYear < 1960) return 'pre-60s';
  return `${Math.floor((birthYear % 100) / 10) * 10}s`.padStart(3, '0');
}
