/**
 * Reference table of cities: canonical Chinese name, English name, the aliases exports use,
 * region (大区) and the commonly used city tier (一线 = 1 … 五线 = 5; 新一线 counted as 2).
 * Clean maps any alias onto the canonical row; an unknown city keeps its text with
 * region/tier "unknown".
 */
export interface City {
  zh: string;
  en: string;
  aliases: string[];
  region: Region;
  tier: 1 | 2 | 3 | 4 | 5;
}

export const REGIONS = ['north', 'northeast', 'east', 'south', 'central', 'southwest', 'northwest'] as const;
export type Region = (typeof REGIONS)[number];

export const REGION_NAMES_ZH: Record<Region, string> = {
  north: '华北',
  northeast: '东北',
  east: '华东',
  south: '华南',
  central: '华中',
  southwest: '西南',
  northwest: '西北',
};

export const CITIES: readonly City[] = [
  { zh: '北京', en: 'Beijing', aliases: ['北京市', 'beijing', 'BJ', 'Peking'], region: 'north', tier: 1 },
  { zh: '上海', en: 'Shanghai', aliases: ['上海市', 'shanghai', 'SH'], region: 'east', tier: 1 },
  { zh: '广州', en: 'Guangzhou', aliases: ['广州市', 'guangzhou', 'Canton'], region: 'south', tier: 1 },
  { zh: '深圳', en: 'Shenzhen', aliases: ['深圳市', 'shenzhen', 'SZ'], region: 'south', tier: 1 },
  { zh: '成都', en: 'Chengdu', aliases: ['成都市', 'chengdu'], region: 'southwest', tier: 2 },
  { zh: '杭州', en: 'Hangzhou', aliases: ['杭州市', 'hangzhou'], region: 'east', tier: 2 },
  { zh: '重庆', en: 'Chongqing', aliases: ['重庆市', 'chongqing'], region: 'southwest', tier: 2 },
  { zh: '武汉', en: 'Wuhan', aliases: ['武汉市', 'wuhan'], region: 'central', tier: 2 },
  { zh: '西安', en: "Xi'an", aliases: ['西安市', 'xian', "xi'an"], region: 'northwest', tier: 2 },
  { zh: '苏州', en: 'Suzhou', aliases: ['苏州市', 'suzhou'], region: 'east', tier: 2 },
  { zh: '南京', en: 'Nanjing', aliases: ['南京市', 'nanjing'], region: 'east', tier: 2 },
  { zh: '天津', en: 'Tianjin', aliases: ['天津市', 'tianjin'], region: 'north', tier: 2 },
  { zh: '长沙', en: 'Changsha', aliases: ['长沙市', 'changsha'], region: 'central', tier: 2 },
  { zh: '郑州', en: 'Zhengzhou', aliases: ['郑州市', 'zhengzhou'], region: 'central', tier: 2 },
  { zh: '青岛', en: 'Qingdao', aliases: ['青岛市', 'qingdao'], region: 'east', tier: 2 },
  { zh: '沈阳', en: 'Shenyang', aliases: ['沈阳市', 'shenyang'], region: 'northeast', tier: 2 },
  { zh: '合肥', en: 'Hefei', aliases: ['合肥市', 'hefei'], region: 'east', tier: 2 },
  { zh: '昆明', en: 'Kunming', aliases: ['昆明市', 'kunming'], region: 'southwest', tier: 3 },
  { zh: '厦门', en: 'Xiamen', aliases: ['厦门市', 'xiamen', 'Amoy'], region: 'east', tier: 3 },
  { zh: '哈尔滨', en: 'Harbin', aliases: ['哈尔滨市', 'harbin'], region: 'northeast', tier: 3 },
  { zh: '南宁', en: 'Nanning', aliases: ['南宁市', 'nanning'], region: 'south', tier: 3 },
  { zh: '兰州', en: 'Lanzhou', aliases: ['兰州市', 'lanzhou'], region: 'northwest', tier: 3 },
  { zh: '洛阳', en: 'Luoyang', aliases: ['洛阳市', 'luoyang'], region: 'central', tier: 3 },
  { zh: '桂林', en: 'Guilin', aliases: ['桂林市', 'guilin'], region: 'south', tier: 4 },
  { zh: '绵阳', en: 'Mianyang', aliases: ['绵阳市', 'mianyang'], region: 'southwest', tier: 4 },
  { zh: '大庆', en: 'Daqing', aliases: ['大庆市', 'daqing'], region: 'northeast', tier: 4 },
  { zh: '天水', en: 'Tianshui', aliases: ['天水市', 'tianshui'], region: 'northwest', tier: 5 },
  { zh: '丽江', en: 'Lijiang', aliases: ['丽江市', 'lijiang'], region: 'southwest', tier: 5 },
];

const byAlias = new Map<string, City>();
for (const city of CITIES) {
  for (const name of [city.zh, city.en, ...city.aliases]) byAlias.set(name.trim().toLowerCase(), city);
}

/** The canonical city for a name or alias (case- and whitespace-insensitive), or undefined. */
export function lookupCity(name: string): City | undefined {
  return byAlias.get(name.trim().toLowerCase());
}
