import type { Lang } from './i18n.js';

/**
 * Check results in Chinese. The requirement set writes its sentences in English; a Chinese page
 * says the same thing from the recorded values: what was checked, the outcome, the value and the
 * threshold. A check this table does not know keeps its English sentence.
 */
const SUBJECTS_ZH: Record<string, string> = {
  'l0.submitter.identity': '提交方身份',
  'l0.model.revision': '模型版本',
  'l0.stack.versions': '软件栈版本',
  'l1.functional.prompts': '固定提示词数量',
  'l1.functional.completed': '完成的提示词',
  'l1.functional.crashes': '崩溃次数',
  'l1.functional.nanOrInf': 'NaN/Inf 输出',
  'l1.functional.emptyOutputs': '空输出',
  'l1.functional.consistency': '一致性检查通过率',
  'l1.functional.referenceMatch': '前 32 个 token 与参考平台一致的比例',
  'l1.artifacts.environment': '环境信息转储',
  'l2.accuracy.benchmarks': '不同基准测试的数量',
  'l2.accuracy.ratio': '最低的基准分数比例',
  'l2.accuracy.outputLength': '输出长度与参考的偏差',
  'l3.performance.profile': '性能测试场景',
  'l3.performance.duration': '运行时长',
  'l3.performance.queries': '每次运行的请求数',
  'l3.performance.runs': '测量运行次数',
  'l3.performance.spread': '各次运行的吞吐差异',
  'l3.performance.noCache': '重复样本带来的加速',
  'l3.performance.ttft': 'p99 首 token 延迟（TTFT）',
  'l3.performance.tpot': 'p99 每 token 延迟（TPOT）',
  'l3.performance.ttftP90': 'p90 首 token 延迟（TTFT）',
  'l3.performance.decodeRate': '解码速率',
  'l3.stack.noNightly': 'nightly 组件',
  'l3.stack.ga': '软件栈发布渠道',
  'l4.reproduction': '独立复现',
  'l4.reproduction.throughput': '复现吞吐偏差',
  'l4.reproduction.accuracy': '复现精度偏差',
  'l4.soak.hours': '浸泡测试时长',
  'l4.soak.throughput': '浸泡测试吞吐相对认证吞吐的比例',
  'l4.soak.crashes': '浸泡测试崩溃次数',
  'l4.soak.errorRate': '浸泡测试错误率',
  'l4.artifacts.sha256': '制品哈希',
};

const OUTCOME_ZH: Record<string, string> = { pass: '通过', fail: '未通过', 'not-applicable': '不适用' };

const shownZh = (value: unknown): string =>
  value === null || value === undefined
    ? '无'
    : typeof value === 'boolean'
      ? value
        ? '是'
        : '否'
      : Array.isArray(value)
        ? value.join('、')
        : typeof value === 'number'
          ? String(Math.round(value * 10_000) / 10_000)
          : String(value);

/** The sentence of one check result in the page's language. */
export function checkMessage(
  lang: Lang,
  check: { id: string; status: string; actual: unknown; threshold: unknown; message: string },
): string {
  if (lang !== 'zh') return check.message;
  const subject = SUBJECTS_ZH[check.id];
  if (!subject) return check.message;
  const outcome = OUTCOME_ZH[check.status] ?? check.status;
  if (check.status === 'not-applicable') return `${subject}：不适用于此部署`;
  if (check.actual === null || check.actual === undefined) return `${subject}：缺少证据（${outcome}）`;
  return `${subject}：实测 ${shownZh(check.actual)}，要求 ${shownZh(check.threshold)}，${outcome}`;
}
