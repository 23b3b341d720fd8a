/**
 * Free-text survey comments (评价内容) that agree with the answer: praise from promoters,
 * complaints from detractors, lukewarm remarks from passives — mostly Chinese, some
 * English, with emoji, blanks and the odd multi-line comment real surveys collect.
 */
import type { Random } from '../../analytics/random';

type Tone = 'praise' | 'neutral' | 'complaint';

const ZH: Readonly<Record<Tone, readonly string[]>> = {
  praise: [
    '质量很好，会回购', '物流很快，第二天就到了', '客服很耐心，解答很专业', '性价比很高', '包装精美，送人很合适',
    '非常满意！', '用了一段时间，效果不错', '款式好看，尺码标准', '门店店员服务热情', '活动力度大，很划算',
    '会员积分很实用', '发货速度快，好评', '东西和描述的一样', '一直在这家买，放心',
  ],
  neutral: [
    '还行吧', '一般般，价格可以', '东西还可以，就是物流慢了点', '中规中矩', '和预期差不多', '包装有点简陋，东西还行',
    '价格再便宜点就好了', '希望多一些优惠活动', '还没怎么用，先给个中评',
  ],
  complaint: [
    '物流太慢了，等了一个星期才到', '客服态度很差，问题一直没解决', '质量一般，和图片不符', '退货流程太麻烦',
    '价格比别家贵', '包装破损，很失望', '再也不会买了', '用了两天就坏了', '发错货了，还要自己寄回',
    '活动规则太复杂，感觉被套路', '退款一直没到账', '尺码严重偏小', '门店排队太久',
  ],
};

const EN: Readonly<Record<Tone, readonly string[]>> = {
  praise: ['Great quality, will buy again.', 'Fast delivery, very happy.', 'Excellent customer service.', 'Good value for money.', 'Love it!'],
  neutral: ['It is okay.', 'Average product, fair price.', 'Delivery could be faster.', 'Not bad, not great.'],
  complaint: ['Delivery was very slow.', 'Customer service never replied.', 'Poor quality, not as described.', 'Returning this was a nightmare.', 'Never again.'],
};

const EMOJI: Readonly<Record<Tone, readonly string[]>> = {
  praise: ['👍', '😊', '🎉', '❤️'],
  neutral: ['🙂', '😐'],
  complaint: ['😡', '👎', '💔'],
};

/** What kind of comment was written, for the manifest. */
export type CommentKind = 'text' | 'emoji' | 'multiline' | 'blank' | 'whitespace' | 'english';

/** The comment tone of an NPS answer (promoters 9–10, passives 7–8, detractors 0–6). */
export function toneOfScore(nps: number): Tone {
  return nps >= 9 ? 'praise' : nps >= 7 ? 'neutral' : 'complaint';
}

/** A comment for an answer with the given tone, and its kind. */
export function drawComment(rng: Random, tone: Tone): { text: string; kind: CommentKind } {
  const u = rng.next();
  if (u < 0.06) return { text: '', kind: 'blank' };
  if (u < 0.09) return { text: rng.pick(['  ', ' ', '\u3000', '\t']), kind: 'whitespace' };
  if (u < 0.22) return { text: rng.pick(EN[tone]), kind: 'english' };
  const first = rng.pick(ZH[tone]);
  const second = rng.chance(0.35) ? rng.pick(ZH[tone]) : undefined;
  if (u < 0.27) return { text: `${first}${rng.pick(EMOJI[tone])}`, kind: 'emoji' };
  if (u < 0.29 && second) return { text: `${first}\n${second}`, kind: 'multiline' };
  const text = second && second !== first ? `${first}，${second}` : first;
  return { text: /[！。!.]$/.test(text) ? text : `${text}。`, kind: 'text' };
}
