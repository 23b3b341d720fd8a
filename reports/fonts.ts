/**
 * The CJK font the charts and the PDF embed: Noto Sans SC (SIL Open Font License 1.1), as
 * TrueType from the `@expo-google-fonts/noto-sans-sc` npm package, so `npm install` brings it
 * and the repository never holds the 10 MB files. TrueType because pdfkit draws WOFF2 blank
 * and its CFF (OTF) subsetting has dropped glyphs (FIELD-NOTES).
 */
export const CJK_FONT_FAMILY = 'Noto Sans SC';

export const CJK_FONT_FILES = {
  regular: require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'),
  bold: require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf'),
};
