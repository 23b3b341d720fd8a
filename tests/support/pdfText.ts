/** The text of a PDF (a file, or its bytes), as pdf.js extracts it (what a reader can search and copy): page by page, or all of it. */
import fs from 'node:fs';

export async function pdfPages(pdfFile: string | Buffer): Promise<string[]> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pdfjs = require('pdfjs-dist/legacy/build/pdf.js') as typeof import('pdfjs-dist');
  const pdf = await pdfjs.getDocument({ data: new Uint8Array(typeof pdfFile === 'string' ? fs.readFileSync(pdfFile) : pdfFile), useSystemFonts: false }).promise;
  const pages: string[] = [];
  for (let page = 1; page <= pdf.numPages; page++) {
    const content = await (await pdf.getPage(page)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(''));
  }
  return pages;
}

export async function pdfText(pdfFile: string | Buffer): Promise<string> {
  return (await pdfPages(pdfFile)).join('');
}
