/**
 * The customer master as an operational system exports it: Chinese names, e-mails, phone
 * numbers in half a dozen notations (full-width digits included), gender as 男/女, M/F or
 * 1/0 (or blank), birth dates in several formats, and cities under any of their aliases.
 * Age, gender and city follow the customer's latent behaviour.
 */
import { CITIES } from '../../analytics/cleaning/cities';
import { CHANNELS } from '../../config/canonical';
import { BEHAVIOURS } from './behaviours';
import { SECONDS_PER_DAY } from '../../analytics/calendar';
import type { Calendar } from './calendar';
import { flushFull, type CsvWriter } from './csvWriter';
import {
  DATE_STYLES, TIMESTAMP_STYLES, dateFormatsOf, formatDate, formatTimestamp, toFullWidthDigits, type DateStyle, type TimestampStyle,
} from './formats';
import { Tally } from './mess';
import { customerId, type Population } from './population';
import { Random } from '../../analytics/random';
import type { Schedule } from './schedule';

const SURNAMES: readonly (readonly [string, string])[] = [
  ['王', 'wang'], ['李', 'li'], ['张', 'zhang'], ['刘', 'liu'], ['陈', 'chen'], ['杨', 'yang'], ['黄', 'huang'], ['赵', 'zhao'],
  ['吴', 'wu'], ['周', 'zhou'], ['徐', 'xu'], ['孙', 'sun'], ['马', 'ma'], ['朱', 'zhu'], ['胡', 'hu'], ['郭', 'guo'],
  ['何', 'he'], ['林', 'lin'], ['罗', 'luo'], ['高', 'gao'], ['郑', 'zheng'], ['梁', 'liang'], ['谢', 'xie'], ['宋', 'song'],
  ['唐', 'tang'], ['许', 'xu'], ['韩', 'han'], ['冯', 'feng'], ['邓', 'deng'], ['曹', 'cao'], ['欧阳', 'ouyang'], ['司马', 'sima'],
];
const GIVEN_FEMALE: readonly (readonly [string, string])[] = [
  ['芳', 'fang'], ['娜', 'na'], ['敏', 'min'], ['静', 'jing'], ['丽', 'li'], ['艳', 'yan'], ['婷', 'ting'], ['雪', 'xue'],
  ['慧', 'hui'], ['佳', 'jia'], ['欣', 'xin'], ['颖', 'ying'], ['琳', 'lin'], ['晓', 'xiao'], ['梦', 'meng'], ['雨', 'yu'],
];
const GIVEN_MALE: readonly (readonly [string, string])[] = [
  ['伟', 'wei'], ['强', 'qiang'], ['磊', 'lei'], ['军', 'jun'], ['洋', 'yang'], ['勇', 'yong'], ['杰', 'jie'], ['涛', 'tao'],
  ['明', 'ming'], ['超', 'chao'], ['刚', 'gang'], ['平', 'ping'], ['辉', 'hui'], ['鹏', 'peng'], ['浩', 'hao'], ['宇', 'yu'],
];
const MAIL_DOMAINS = ['163.com', '126.com', 'sina.com', 'gmail.com', 'outlook.com', 'foxmail.com'];
const MOBILE_PREFIXES = ['130', '131', '132', '135', '136', '137', '138', '139', '150', '151', '152', '158', '159', '166', '176', '177', '180', '186', '188', '189', '198', '199'];

type GenderForm = 'zh' | 'mf' | 'digit' | 'blank';
const GENDER_FORMS: readonly (readonly [GenderForm, number])[] = [['zh', 0.45], ['mf', 0.25], ['digit', 0.22], ['blank', 0.08]];
type PhoneForm = 'plain' | 'plus86_dashed' | 'spaced' | 'plus86' | 'full_width' | 'prefix86' | 'missing';
const PHONE_FORMS: readonly (readonly [PhoneForm, number])[] = [
  ['plain', 0.55], ['plus86_dashed', 0.15], ['spaced', 0.1], ['plus86', 0.08], ['full_width', 0.05], ['prefix86', 0.02], ['missing', 0.05],
];
type CityForm = 'zh' | 'zh_suffix' | 'english' | 'other_alias' | 'blank';
const CITY_FORMS: readonly (readonly [CityForm, number])[] = [['zh', 0.5], ['zh_suffix', 0.2], ['english', 0.15], ['other_alias', 0.1], ['blank', 0.05]];
const BIRTH_STYLES: readonly (readonly [DateStyle | 'missing', number])[] = [['iso', 0.6], ['slash', 0.2], ['compact', 0.15], ['missing', 0.05]];
const SIGNUP_STYLES: readonly (readonly [TimestampStyle, number])[] = [['iso', 0.85], ['chinese', 0.1], ['slash', 0.05]];

/** Formats of the customer master's dates (birthday, registered_at). */
export const CUSTOMER_DATE_FORMATS = dateFormatsOf([
  ...BIRTH_STYLES.flatMap(([style]) => (style === 'missing' ? [] : [DATE_STYLES[style]])),
  ...SIGNUP_STYLES.map(([style]) => TIMESTAMP_STYLES[style]),
]);

function phone(form: PhoneForm, digits: string): string | null {
  const [a, b, c] = [digits.slice(0, 3), digits.slice(3, 7), digits.slice(7)];
  switch (form) {
    case 'plain': return digits;
    case 'plus86_dashed': return `+86 ${a}-${b}-${c}`;
    case 'spaced': return `${a} ${b} ${c}`;
    case 'plus86': return `+86${digits}`;
    case 'full_width': return toFullWidthDigits(digits);
    case 'prefix86': return `86-${digits}`;
    case 'missing': return null;
  }
}

function gender(form: GenderForm, female: boolean): string {
  switch (form) {
    case 'zh': return female ? '女' : '男';
    case 'mf': return female ? 'F' : 'M';
    case 'digit': return female ? '0' : '1';
    case 'blank': return '';
  }
}

function city(rng: Random, form: CityForm, index: number): string {
  const c = CITIES[index];
  switch (form) {
    case 'zh': return c.zh;
    case 'zh_suffix': return c.aliases[0];
    case 'english': return c.en;
    case 'other_alias': return rng.pick(c.aliases.slice(1));
    case 'blank': return '';
  }
}

export interface CustomerStats {
  mess: Tally;
  forms: Record<'gender' | 'phone' | 'city' | 'birth_date' | 'signup_at', Tally>;
}

/** Writes one row per customer (in id order) to every writer. */
export async function writeCustomers(seed: number, pop: Population, schedule: Schedule, calendar: Calendar, writers: readonly CsvWriter[]): Promise<CustomerStats> {
  const rng = Random.stream(seed, 'people');
  const stats: CustomerStats = { mess: new Tally(), forms: { gender: new Tally(), phone: new Tally(), city: new Tally(), birth_date: new Tally(), signup_at: new Tally() } };
  const endDay = calendar.firstDay + calendar.days - 1;
  for (let i = 0; i < pop.size; i++) {
    const behaviour = BEHAVIOURS[pop.behaviour[i]];
    const female = rng.chance(behaviour.female);
    const [surname, surnamePinyin] = rng.pick(SURNAMES);
    const given = Array.from({ length: rng.chance(0.6) ? 2 : 1 }, () => rng.pick(female ? GIVEN_FEMALE : GIVEN_MALE));
    const pinyin = surnamePinyin + given.map(([, p]) => p).join('');
    const mail = rng.next();
    const email = mail < 0.15 ? null : mail < 0.5 ? `${rng.between(10_000_000, 2_999_999_999)}@qq.com` : `${pinyin}${rng.chance(0.7) ? rng.between(1, 9_999) : ''}@${rng.pick(MAIL_DOMAINS)}`;
    const phoneForm = rng.weighted(PHONE_FORMS);
    const mobile = `${rng.pick(MOBILE_PREFIXES)}${String(rng.int(100_000_000)).padStart(8, '0')}`;
    const genderForm = rng.weighted(GENDER_FORMS);
    const cityForm = rng.weighted(CITY_FORMS);
    const age = Math.min(85, Math.max(16, rng.normal(behaviour.age.mean, behaviour.age.sd)));
    const birthStyle = rng.weighted(BIRTH_STYLES);
    const birthDay = endDay - Math.floor(age * 365.25) - rng.int(365);
    const signupStyle = rng.weighted(SIGNUP_STYLES);
    const signupAt = schedule.firstAt[i] - (rng.chance(0.5) ? 0 : rng.int(3 * SECONDS_PER_DAY));

    stats.forms.gender.add(genderForm);
    stats.forms.phone.add(phoneForm);
    stats.forms.city.add(cityForm);
    stats.forms.birth_date.add(birthStyle === 'missing' ? 'missing' : DATE_STYLES[birthStyle]);
    stats.forms.signup_at.add(TIMESTAMP_STYLES[signupStyle]);
    if (genderForm === 'blank') stats.mess.add('blank_gender');
    if (phoneForm === 'missing') stats.mess.add('missing_phone');
    if (phoneForm === 'full_width') stats.mess.add('full_width_digits');
    if (cityForm === 'blank') stats.mess.add('blank_city');
    if (birthStyle === 'missing') stats.mess.add('missing_birth_date');
    if (email === null) stats.mess.add('missing_email');

    const row = [
      customerId(i), surname + given.map(([g]) => g).join(''), phone(phoneForm, mobile), email, gender(genderForm, female),
      birthStyle === 'missing' ? null : formatDate(birthStyle, birthDay), city(rng, cityForm, pop.city[i]),
      formatTimestamp(signupStyle, signupAt), CHANNELS[schedule.firstChannel[i]],
    ];
    for (const writer of writers) writer.row(row);
    if (i % 1_024 === 0) await flushFull(writers);
  }
  return stats;
}
