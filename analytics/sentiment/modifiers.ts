/**
 * Words that change what the next words mean for sentiment, Chinese and English.
 * Negators open a negation scope (the following words up to a clause boundary,
 * at most `NEGATION_SCOPE` words, become negated features); intensifiers mark the
 * following word as intensified. Both are learned as separate features by the classifier,
 * so `不是很好` (negated 很, negated 好) weighs differently from `很好`.
 */
export const NEGATORS: ReadonlySet<string> = new Set([
  '不', '没', '没有', '不是', '并不', '并非', '别', '无', '非', '未', '未必', '不太', '不够', '不怎么',
  '毫无', '从不', '从未', '绝不', '决不', '不再', '不算', '没什么', '不大', '甭', '勿', '不要', '不会',
  'not', 'no', 'never', "n't", 'dont', "don't", 'didnt', "didn't", 'isnt', "isn't", 'wasnt', "wasn't",
]);

/** Degree adverbs (很/太/非常 …): the next word is added once more as an intensified feature. */
export const INTENSIFIERS: ReadonlySet<string> = new Set([
  '很', '太', '非常', '特别', '超', '超级', '十分', '极', '极其', '极了', '挺', '真', '真的', '好', '蛮', '相当',
  '格外', '尤其', '巨', '贼', '最', '更', '太过', '过于', '实在', '完全', '绝对', '简直',
  'very', 'really', 'so', 'too', 'extremely', 'super', 'totally',
]);

/** How many words after a negator are negated (within the clause). */
export const NEGATION_SCOPE = 3;

/** Tokens that end a clause: punctuation and contrast conjunctions reset negation scope. */
export const CLAUSE_BREAK = /^(?:[\p{P}\p{S}\s]+|但|但是|可是|不过|然而|而且|就是|只是|but|however)$/u;
