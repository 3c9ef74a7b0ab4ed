import { asciiFilename, attachmentDisposition, safeFilename } from '../../web/content-disposition';

const saved = (header: string) => decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(header)![1]!);

describe('attachmentDisposition', () => {
  it.each([
    ['a Chinese name', '张三.vcf', '张三.vcf'],
    ['a compound surname and a Latin part', '欧阳娜娜 Nana.vcf', '欧阳娜娜 Nana.vcf'],
    ['emoji', '小张😀.vcf', '小张😀.vcf'],
    ["RFC 5987's reserved characters", "O'Brien (Work)*.vcf", "O'Brien (Work).vcf"],
    ['path separators and leading dots', '../../etc/passwd.vcf', 'etcpasswd.vcf'],
    ['a right-to-left override hiding the extension', 'card\u202Efdp.exe.vcf', 'cardfdp.exe.vcf'],
    ['control characters and quotes', 'a\u0000b\r\n"c".vcf', 'ab c.vcf'],
    ['nothing left', '\u0000/\\.vcf', 'lianluo-K7P2QXM.vcf'],
  ])('%s: the name saved is the cleaned name', (_name, filename, expected) => {
    const header = attachmentDisposition(filename, 'lianluo-K7P2QXM.vcf');
    expect(header).toMatch(/^attachment; filename="[A-Za-z0-9._-]+"; filename\*=UTF-8''[A-Za-z0-9!#$&+.^_`|~%-]+$/);
    expect(saved(header)).toBe(expected);
  });

  it('keeps the ASCII fallback to letters, digits, dot, dash and underscore', () => {
    expect(attachmentDisposition('张三.vcf', 'lianluo-K7P2QXM.vcf')).toContain('filename="lianluo-K7P2QXM.vcf"');
    expect(attachmentDisposition('x.vcf', '"; evil=1 .vcf')).toContain('filename="evil1.vcf"');
    expect(attachmentDisposition('x.vcf', '张三')).toContain('filename="download"');
  });

  it('cuts a long name before its extension', () => {
    const name = safeFilename(`${'名'.repeat(200)}.vcf`, 'x');
    expect(Array.from(name)).toHaveLength(84);
    expect(name.endsWith('.vcf')).toBe(true);
  });

  it('asciiFilename drops leading dots', () => {
    expect(asciiFilename('..hidden', 'f')).toBe('hidden');
    expect(asciiFilename('...', 'f')).toBe('f');
  });
});
