/** Code lists of engagement exports: event types and engagement channels, in English or Chinese. */
import { ENGAGEMENT_EVENT_TYPES, type EngagementEventType } from '../../config/canonical';
import { normalizeChannel } from './codes';

const EVENT_TYPE_ALIASES: Record<string, EngagementEventType> = {
  '浏览': 'visit', '访问': 'visit', page_view: 'visit', pageview: 'visit', session: 'visit',
  '打开邮件': 'email_open', '邮件打开': 'email_open', open: 'email_open',
  '点击邮件': 'email_click', '邮件点击': 'email_click', click: 'email_click',
  '点赞': 'like', '分享': 'share', '转发': 'share', '评论': 'comment', '关注': 'follow',
  '推荐': 'referral', '邀请': 'referral', invite: 'referral', refer: 'referral',
};

/** `visit`, `Email_Open`, `点赞`, … → the canonical event type; undefined when unknown. */
export function normalizeEventType(text: string | undefined): EngagementEventType | undefined {
  if (!text) return undefined;
  const key = text.trim().toLowerCase().replace(/[\s-]+/g, '_');
  return (ENGAGEMENT_EVENT_TYPES as readonly string[]).includes(key) ? key as EngagementEventType : EVENT_TYPE_ALIASES[key];
}

const ENGAGEMENT_CHANNEL_ALIASES: Record<string, string> = {
  email: 'email', 'e-mail': 'email', edm: 'email', '邮件': 'email', '电子邮件': 'email',
  sms: 'sms', '短信': 'sms',
  weibo: 'weibo', '微博': 'weibo',
  douyin: 'douyin', tiktok: 'douyin', '抖音': 'douyin',
  xiaohongshu: 'xiaohongshu', red: 'xiaohongshu', '小红书': 'xiaohongshu',
  wechat: 'wechat', weixin: 'wechat', '微信': 'wechat', '朋友圈': 'wechat',
};

/**
 * Engagement happens on the sales channels (app, web, mini program, store) and beside them
 * (e-mail, SMS, social networks). Sales-channel spellings map as in orders; a social network's
 * own name wins over the sales alias (`wechat` here is WeChat the network, not the mini program).
 * Unknown channels are kept lower-cased: a new network is information, not an error.
 */
export function normalizeEngagementChannel(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const key = text.trim().toLowerCase();
  return ENGAGEMENT_CHANNEL_ALIASES[key] ?? normalizeChannel(text) ?? key;
}
