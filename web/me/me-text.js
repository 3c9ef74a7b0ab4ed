// The page's own words in both languages. Field and audience names, sources and every result
// or refusal come from the server, already in both; these are only the page's labels.

const TEXT = {
  brand: { zh: '联络 · 我的主页', en: 'Lianluo · My page' },
  otherLanguage: { zh: 'English', en: '中文' },
  personCode: { zh: '个人编号', en: 'Person code' },
  intro: {
    zh: '这是你自己的主页：修改资料、决定谁能看到每一项，或上传名片文件。链接只属于你，请不要转发。',
    en: 'This is your own page: edit your profile, choose who sees each field, or upload a vCard. The link is yours alone; do not forward it.',
  },
  expiry: {
    zh: (until, minutes) => `链接有效至 ${until}（还剩 ${minutes} 分钟）。过期后在聊天里发送“主页”获取新链接。`,
    en: (until, minutes) => `This link works until ${until} (${minutes} ${minutes === 1 ? 'minute' : 'minutes'} left). Then send "page" in the chat for a new one.`,
  },
  profileTitle: { zh: '资料', en: 'Profile' },
  shareAll: { zh: '一次设置全部的可见范围', en: 'Set who sees every field at once' },
  shareAllPick: { zh: '选择…', en: 'Choose…' },
  save: { zh: '保存修改', en: 'Save changes' },
  saving: { zh: '正在保存…', en: 'Saving…' },
  nothingToSave: { zh: '没有改动。', en: 'Nothing changed.' },
  saved: { zh: '已保存。', en: 'Saved.' },
  savedSome: { zh: '部分没有保存，见各项下方的说明。', en: 'Some changes were not saved: see the notes under the fields.' },
  notSet: { zh: '未设置', en: 'not set' },
  from: { zh: (source, when) => `来自${source}，${when}`, en: (source, when) => `from ${source}, ${when}` },
  whoSees: { zh: '谁能看', en: 'Who sees it' },
  alsoCircles: { zh: (codes) => `另加圈：${codes}`, en: (codes) => `also circles: ${codes}` },
  genderNone: { zh: '（未设置）', en: '(not set)' },
  male: { zh: '男', en: 'male' },
  female: { zh: '女', en: 'female' },
  other: { zh: '其他', en: 'other' },
  vcardTitle: { zh: '上传名片文件（vCard）', en: 'Upload a vCard' },
  vcardHint: {
    zh: '从手机通讯录导出一位联系人（.vcf，最多 64 KB），上传后其中的资料会合并进你的资料。电话号码不会导入。',
    en: 'Export one contact from your address book (.vcf, at most 64 KB); its details are merged into your profile. Phone numbers are not imported.',
  },
  upload: { zh: '上传', en: 'Upload' },
  uploading: { zh: '正在上传…', en: 'Uploading…' },
  taken: { zh: '已导入', en: 'Taken' },
  untouched: { zh: '没有改动', en: 'Not changed' },
  refused: { zh: '没有导入', en: 'Not taken' },
  notices: { zh: '提示', en: 'Notes' },
  nothingTaken: { zh: '文件里没有可导入的资料。', en: 'The file held nothing to take.' },
  unreachable: {
    zh: '连不上服务器：请检查网络，然后再试。',
    en: 'Cannot reach the server: check your connection, then try again.',
  },
  expiredNow: {
    zh: '这个主页链接已过期。请在聊天里重新发送“主页”获取新链接。',
    en: 'This page link has expired. Send "page" in the chat again for a new link.',
  },
};

/** The page's language: `zh` or `en`. */
export const LANGS = ['zh', 'en'];

/**
 * The text of `key` in `lang`; a text made from values (an expiry, a source) is called with
 * `args`. A missing key shows itself, so a slip is visible rather than blank.
 */
export function t(lang, key, ...args) {
  const text = TEXT[key]?.[lang];
  if (text === undefined) return key;
  return typeof text === 'function' ? text(...args) : text;
}

/** The server's bilingual text (`{ zh, en }`) in `lang`. */
export function pick(bilingual, lang) {
  return bilingual?.[lang] ?? '';
}

/** A time as the reader's language writes it, to the minute, in the browser's time zone. */
export function when(iso, lang) {
  return new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}
