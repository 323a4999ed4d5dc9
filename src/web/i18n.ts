import type { Request, Response } from 'express';

export type Lang = 'en' | 'zh';
export const LANGS: readonly Lang[] = ['en', 'zh'];
const COOKIE = 'chipreg_lang';

const en = {
  tagline: 'Chip compatibility registry',
  'nav.matrix': 'Compatibility matrix', 'nav.identify': 'Identify hardware', 'nav.api': 'API docs',
  search: 'Search', searchPlaceholder: 'Chip, model or vendor (English or 中文)', language: 'Language',
  filters: 'Filters', deviceClass: 'Device class', modelFamily: 'Model family', minLevel: 'Minimum level', precision: 'Precision',
  deployment: 'Deployment form', any: 'Any', apply: 'Apply', reset: 'Reset',
  chip: 'Chip', chips: 'Chips', model: 'Model', models: 'Models', vendor: 'Vendor', system: 'System', level: 'Certification level',
  legend: 'Legend', declaredUnverified: 'declared, unverified', legendL0: 'Declared: public evidence, unverified', levelShort: 'Level',
  revocations: 'Revocations', signingKeys: 'Signing keys', filterFamily: 'Show only the {family} family', matrixIntro: 'Best active level per model and chip. L0 cells are public declarations that nobody has verified; L1 to L4 are certified by the registry.',
  matrixSummary: '{chips} chips × {models} models, {cells} pairs with a level', matrixEmpty: 'No model and chip pair matches these filters.',
  cellTitle: '{model} on {chip}: {level}', certificationsCount: '{n} certifications',
  'level.L0': 'Declared', 'level.L1': 'Functional', 'level.L2': 'Accuracy', 'level.L3': 'Performance', 'level.L4': 'Reproduced',
  'class.datacenter': 'Datacenter', 'class.edge': 'Edge', 'class.mobile': 'Mobile', 'class.vehicle': 'Vehicle', 'class.supercomputer': 'Supercomputer', 'class.none': 'Unclassified',
  'status.active': 'active', 'status.expired': 'expired', 'status.superseded': 'superseded', 'status.revoked': 'revoked',
  'form.public-api': 'public API', 'form.cloud-private': 'cloud private', 'form.local-private': 'local private', 'form.on-device': 'on-device',
  chipFamily: 'Family', memory: 'Memory', precisions: 'Supported precisions', aliases: 'Aliases', pciIds: 'PCI ids', facts: 'Sourced facts',
  field: 'Field', value: 'Value', source: 'Source', confidence: 'Confidence', none: 'none', unknown: 'unknown',
  certificationsOnChip: 'Certifications on this chip', noCertifications: 'No certifications yet.',
  checkTitle: 'Is a model certified on this chip?', check: 'Check', unknownModel: 'No model "{q}".',
  'verdict.certified': 'Certified', 'verdict.certified-provisional': 'Certified provisionally (patch-level differences)',
  'verdict.related': 'Only related certifications', 'verdict.not-certified': 'Not certified',
  bestMatch: 'Best match', related: 'Related certifications', differences: 'Differences', declarations: 'Public declarations (unverified)',
  certification: 'Certification', status: 'Status', verified: 'verified', unverified: 'unverified', validity: 'Validity', issued: 'Issued',
  validUntil: 'Valid until', daysLeft: '{n} days left', expiredOn: 'expired on {date}', noExpiry: 'Declarations do not expire and always stay unverified.',
  deploymentTitle: 'Deployment', devices: 'Devices', stack: 'Software stack', noStack: 'No software stack recorded.',
  kind: 'Kind', name: 'Name', version: 'Version', channel: 'Channel', requirementSet: 'Requirement set',
  evidence: 'Evidence summary', modelRevision: 'Model revision', os: 'Operating system',
  checks: 'Check results', checkId: 'Check', actual: 'Actual', threshold: 'Threshold', message: 'Message', noChecks: 'No check results recorded.',
  'check.pass': 'pass', 'check.fail': 'fail', 'check.not-applicable': 'n/a', checksSummary: '{pass} passed · {fail} failed · {na} not applicable',
  verifyCertificate: 'Verify certificate', verifying: 'Verifying…', certificateValid: 'Certificate valid', certificateInvalid: 'Certificate invalid',
  verifyFailed: 'Could not verify the certificate', verifyHelp: 'Fetches the signed certificate and asks the registry to check its Ed25519 signature.',
  declaration: 'Public declaration', statement: 'Statement', detail: 'Detail', supersededBy: 'Superseded by', revokedReason: 'Revoked on {date}: {reason}',
  preview: 'preview: release-candidate components', highAccuracy: 'high accuracy (≥ 99.9% of reference)',
  badge: 'Badge', links: 'Machine-readable', signedCertificate: 'Signed certificate',
  pairTitle: '{model} on {chip}',
  identifyTitle: 'Identify hardware from lspci', identifyHelp: 'Paste the output of lspci -nn. Nothing leaves this server.', identifyButton: 'Identify',
  recognized: 'Recognised accelerators', unknownDevices: 'Unknown devices', ignoredDevices: '{n} other devices (bridges, network, storage) ignored.',
  slots: 'Slots', noneRecognized: 'No known accelerator found.', lspciEmpty: 'Paste some lspci -nn output first.', devicesRead: '{n} PCI devices read',
  activeCertifications: 'Active certifications (L1 and up)', count: 'Count',
  searchTitle: 'Search', searchResults: '{n} results for “{q}”', noResults: 'Nothing matches “{q}”.', searchHelp: 'Search chips, models, vendors and systems by English or Chinese name, alias or part of a word.',
  'kind.vendor': 'Vendor', 'kind.chip': 'Chip', 'kind.model': 'Model', 'kind.system': 'System', matchedBy: 'matched “{text}”',
  badRequestTitle: 'That request could not be read', notFoundTitle: 'Not found', didYouMean: 'Did you mean:',
  serverErrorTitle: 'Something went wrong', serverErrorBody: 'The server could not show this page. The error has been logged.',
  backToMatrix: 'Back to the compatibility matrix', parameter: 'Parameter', problem: 'Problem',
};

export type LabelKey = keyof typeof en;

const zh: Record<LabelKey, string> = {
  tagline: '芯片兼容性注册中心',
  'nav.matrix': '兼容性矩阵', 'nav.identify': '识别硬件', 'nav.api': 'API 文档',
  search: '搜索', searchPlaceholder: '芯片、模型或厂商（中英文均可）', language: '语言',
  filters: '筛选', deviceClass: '设备类型', modelFamily: '模型系列', minLevel: '最低认证级别', precision: '精度',
  deployment: '部署形态', any: '全部', apply: '应用', reset: '重置',
  chip: '芯片', chips: '芯片', model: '模型', models: '模型', vendor: '厂商', system: '系统', level: '认证级别',
  legend: '图例', declaredUnverified: '已声明，未验证', legendL0: '已声明：公开证据，未经验证', levelShort: '级别',
  revocations: '撤销列表', signingKeys: '签名公钥', filterFamily: '只看 {family} 系列', matrixIntro: '每个模型与芯片组合的最高有效级别。L0 为未经验证的公开声明；L1 至 L4 为本注册中心认证。',
  matrixSummary: '{chips} 款芯片 × {models} 个模型，{cells} 个组合有级别', matrixEmpty: '没有符合筛选条件的模型与芯片组合。',
  cellTitle: '{model} 在 {chip} 上：{level}', certificationsCount: '{n} 项认证',
  'level.L0': '已声明', 'level.L1': '功能', 'level.L2': '准确性', 'level.L3': '性能', 'level.L4': '复现',
  'class.datacenter': '数据中心', 'class.edge': '边缘', 'class.mobile': '移动端', 'class.vehicle': '车载', 'class.supercomputer': '超级计算机', 'class.none': '未分类',
  'status.active': '有效', 'status.expired': '已过期', 'status.superseded': '已被取代', 'status.revoked': '已撤销',
  'form.public-api': '公有 API', 'form.cloud-private': '云端私有化', 'form.local-private': '本地私有化', 'form.on-device': '端侧',
  chipFamily: '系列', memory: '显存', precisions: '支持的精度', aliases: '别名', pciIds: 'PCI 标识', facts: '有来源的事实',
  field: '字段', value: '值', source: '来源', confidence: '可信度', none: '无', unknown: '未知',
  certificationsOnChip: '该芯片上的认证', noCertifications: '暂无认证。',
  checkTitle: '模型是否已在该芯片上认证？', check: '查询', unknownModel: '没有名为“{q}”的模型。',
  'verdict.certified': '已认证', 'verdict.certified-provisional': '临时认证（仅补丁版本不同）',
  'verdict.related': '仅有相关认证', 'verdict.not-certified': '未认证',
  bestMatch: '最佳匹配', related: '相关认证', differences: '差异', declarations: '公开声明（未验证）',
  certification: '认证', status: '状态', verified: '已验证', unverified: '未验证', validity: '有效期', issued: '签发日期',
  validUntil: '有效期至', daysLeft: '剩余 {n} 天', expiredOn: '已于 {date} 过期', noExpiry: '声明不会过期，但始终为未验证状态。',
  deploymentTitle: '部署', devices: '设备数', stack: '软件栈', noStack: '未记录软件栈。',
  kind: '类别', name: '名称', version: '版本', channel: '渠道', requirementSet: '要求集',
  evidence: '证据摘要', modelRevision: '模型版本', os: '操作系统',
  checks: '检查结果', checkId: '检查项', actual: '实测值', threshold: '阈值', message: '说明', noChecks: '未记录检查结果。',
  'check.pass': '通过', 'check.fail': '未通过', 'check.not-applicable': '不适用', checksSummary: '{pass} 项通过 · {fail} 项未通过 · {na} 项不适用',
  verifyCertificate: '验证证书', verifying: '正在验证…', certificateValid: '证书有效', certificateInvalid: '证书无效',
  verifyFailed: '无法验证证书', verifyHelp: '获取签名证书，并由注册中心校验其 Ed25519 签名。',
  declaration: '公开声明', statement: '声明', detail: '详情', supersededBy: '已被取代为', revokedReason: '于 {date} 撤销：{reason}',
  preview: '预览：包含候选发布版组件', highAccuracy: '高精度（≥ 参考值的 99.9%）',
  badge: '徽章', links: '机器可读', signedCertificate: '签名证书',
  pairTitle: '{model} 在 {chip} 上',
  identifyTitle: '通过 lspci 识别硬件', identifyHelp: '粘贴 lspci -nn 的输出。数据不会离开本服务器。', identifyButton: '识别',
  recognized: '已识别的加速卡', unknownDevices: '未知设备', ignoredDevices: '已忽略 {n} 个其他设备（桥接、网卡、存储）。',
  slots: '插槽', noneRecognized: '未发现已知的加速卡。', lspciEmpty: '请先粘贴 lspci -nn 的输出。', devicesRead: '读取了 {n} 个 PCI 设备',
  activeCertifications: '有效认证（L1 及以上）', count: '数量',
  searchTitle: '搜索', searchResults: '“{q}” 共 {n} 条结果', noResults: '没有与“{q}”匹配的结果。', searchHelp: '按中英文名称、别名或部分词语搜索芯片、模型、厂商和系统。',
  'kind.vendor': '厂商', 'kind.chip': '芯片', 'kind.model': '模型', 'kind.system': '系统', matchedBy: '匹配“{text}”',
  badRequestTitle: '请求参数有误', notFoundTitle: '未找到', didYouMean: '您是否要找：',
  serverErrorTitle: '出错了', serverErrorBody: '服务器无法显示此页面，错误已记录。',
  backToMatrix: '返回兼容性矩阵', parameter: '参数', problem: '问题',
};

const LABELS: Record<Lang, Record<LabelKey, string>> = { en, zh };

/** A label in the page's language, with `{name}` placeholders filled (the caller escapes the result). */
export type Translate = (key: LabelKey, vars?: Record<string, string | number>) => string;

export function translator(lang: Lang): Translate {
  return (key, vars) => {
    const text = LABELS[lang][key];
    return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
  };
}

/** A label looked up by a computed key (a level, status, class or form); unknown values are shown as they are. */
export function labelOf(t: Translate, prefix: string, value: string | null | undefined): string {
  if (value === null || value === undefined) return t('unknown');
  const key = `${prefix}.${value}`;
  return key in en ? t(key as LabelKey) : value;
}

/** The name to show: Chinese where the record has one and the page is Chinese, English otherwise. */
export const nameIn = (lang: Lang, record: { nameEn: string; nameZh?: string | null }): string =>
  (lang === 'zh' && record.nameZh) || record.nameEn;

/** The other language's name, when it differs (shown as a secondary line). */
export const otherName = (lang: Lang, record: { nameEn: string; nameZh?: string | null }): string | null => {
  const other = lang === 'zh' ? record.nameEn : record.nameZh;
  return other && other !== nameIn(lang, record) ? other : null;
};

/**
 * The page language: `?lang=` (remembered in a cookie for a year), else the cookie, else the
 * browser's first Accept-Language choice.
 */
export function resolveLang(req: Request, res: Response, fromQuery: Lang | undefined): Lang {
  res.vary('Cookie');
  res.vary('Accept-Language');
  if (fromQuery) {
    res.cookie(COOKIE, fromQuery, { maxAge: 365 * 86400_000, sameSite: 'lax', httpOnly: true, path: '/' });
    return fromQuery;
  }
  const cookie = /(?:^|;\s*)chipreg_lang=(en|zh)(?:;|$)/.exec(req.get('cookie') ?? '');
  if (cookie) return cookie[1] as Lang;
  const first = (req.get('accept-language') ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('zh') ? 'zh' : 'en';
}
