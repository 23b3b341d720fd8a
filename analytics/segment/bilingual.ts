/** A user-facing name or sentence in both report languages (reports are zh-CN and en, SPEC intro). */
export interface Bilingual {
  en: string;
  zh: string;
}
