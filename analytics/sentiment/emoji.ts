/**
 * Common emoji and emoticons with a clear sentiment in reviews. The training corpora
 * contain none, so scorers replace them with a plain word the model knows well
 * (see `replaceEmoji`) and the emoji-only path counts them (see `emojiBalance`).
 * Ambiguous ones (😂 laughing or crying, 🙏 thanks or pleading, 😅) are left out.
 */
const POSITIVE_EMOJI = [
  '😀', '😃', '😄', '😁', '😆', '😊', '🙂', '☺', '😍', '🥰', '😘', '😋', '😎', '🤩', '🥳',
  '👍', '👏', '👌', '💯', '❤', '💕', '💖', '💗', '💓', '😻', '🎉', '🌹', '🌟', '⭐', '✨', '🔥',
  ':)', ':-)', ':d', '^_^', '^^',
];
const NEGATIVE_EMOJI = [
  '😡', '😠', '🤬', '😤', '😞', '😔', '😟', '🙁', '☹', '😢', '😭', '😩', '😫', '🙄', '😒', '😣',
  '😖', '😓', '😰', '🤮', '🤢', '💩', '👎', '💔', '😑',
  ':(', ':-(', ":'(", '-_-',
];

/** Sentiment sign of each mapped emoji: +1 positive, −1 negative. */
const EMOJI_SIGN: ReadonlyMap<string, 1 | -1> = new Map([
  ...POSITIVE_EMOJI.map((e) => [e, 1] as const),
  ...NEGATIVE_EMOJI.map((e) => [e, -1] as const),
]);

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Longest first so `:-)` wins over `:)`; U+FE0F variation selectors are absorbed. */
const EMOJI_PATTERN = new RegExp(
  [...EMOJI_SIGN.keys()].sort((a, b) => b.length - a.length).map(escape).join('|') + '|\\uFE0F',
  'gu',
);

/** Words that stand in for emoji, per language. */
export interface EmojiWords {
  readonly positive: string;
  readonly negative: string;
}

/**
 * Replaces each mapped emoji with ` positive ` or ` negative ` stand-in words (spaced);
 * expects lower-cased text (`:D` → `:d`).
 * @example replaceEmoji('好👍', { positive: '满意', negative: '失望' }) // '好 满意 '
 */
export function replaceEmoji(text: string, words: EmojiWords): string {
  return text.replace(EMOJI_PATTERN, (match) => {
    const sign = EMOJI_SIGN.get(match);
    if (sign === undefined) return '';
    return ` ${sign > 0 ? words.positive : words.negative} `;
  });
}

/**
 * Positive minus negative emoji count.
 * @example emojiBalance('👍👍😡') // 1
 */
export function emojiBalance(text: string): number {
  let balance = 0;
  for (const match of text.matchAll(EMOJI_PATTERN)) balance += EMOJI_SIGN.get(match[0]) ?? 0;
  return balance;
}
