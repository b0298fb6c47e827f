// A generated paper-review journal written like the author's: posts of
// numbered paper entries (`## N. [Title](url) \`org\``, a `### ` subtitle),
// Korean prose with English terms, particles and endings attached to
// nouns, compounds written with and without spaces, an MDX import now and
// then. Deterministic: the same seed writes the same files.
//
//   node tests/bench/journal.mjs <dir> [posts]
//
// `make bench` writes 4,000 posts (about 25,000 entries) and searches them
// with papershelf and with Pagefind.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Korean nouns, most frequent first (drawn Zipf-like). */
export const NOUNS = [
  '모델', '학습', '데이터', '성능', '방법', '논문', '강화학습', '추론', '벤치마크', '정확도',
  '언어', '이미지', '토큰', '파라미터', '실험', '결과', '문제', '구조', '평가', '보상',
  '에이전트', '로봇', '비디오', '텍스트', '시각적', '사고', '계획', '검색', '메모리', '압축',
  '정렬', '안전성', '편향', '효율', '지연', '확장', '분포', '샘플', '정책', '가치',
  '손실', '기울기', '최적화', '어텐션', '인코더', '디코더', '임베딩', '표현', '지식', '증류',
  '양자화', '가지치기', '미세조정', '사전학습', '합성데이터', '환각', '도구', '코드', '수학', '증명',
  '음성', '번역', '요약', '대화', '멀티모달', '공간', '시간', '물리', '세계모델', '시뮬레이션',
  '그래프', '분류', '생성', '확산', '노이즈', '해상도', '프레임', '카메라', '행동', '궤적',
];

/** Particles and endings, attached to a noun. */
export const PARTICLES = ['은', '는', '이', '가', '을', '를', '의', '에', '에서', '으로', '로', '와', '과', '도', '만', '까지', '부터', '보다', '처럼', '이다', '에게', ''];

/** English terms, kept as written. */
export const TERMS = [
  'GRPO', 'LoRA', 'Transformer', 'diffusion', 'RLHF', 'DPO', 'PPO', 'VLA', 'VLM', 'MoE',
  'attention', 'benchmark', 'reasoning', 'agent', 'tokenizer', 'KV cache', 'chain-of-thought', 'reward model', 'fine-tuning', 'pretraining',
  'ImageNet', 'MMLU', 'GSM8K', 'SWE-bench', 'ARC-AGI', 'scaling law', 'distillation', 'quantization', 'retrieval', 'embedding',
];

const VERBS = ['한다', '했다', '보인다', '제안한다', '개선한다', '줄인다', '높인다', '다룬다', '비교한다', '적용한다', '설명한다', '측정했다', '없다', '필요하다', '흥미롭다'];
const ORGS = ['deepseek', 'google', 'meta', 'openai', 'anthropic', 'nvidia', 'alibaba', 'naver', 'kaist', 'snu', 'mit', 'stanford', 'cmu', 'tsinghua', 'zhipu', 'microsoft'];
const TITLE_WORDS = ['Scaling', 'Learning', 'Reasoning', 'Models', 'Visual', 'Language', 'Policy', 'Optimization', 'Efficient', 'Robust', 'Agents', 'Memory', 'Long', 'Context', 'Video', 'World', 'Reward', 'Sparse', 'Mixture', 'Experts', 'Diffusion', 'Tokens', 'Retrieval', 'Planning', 'Alignment', 'Preference', 'Self-Play', 'Verification', 'Compression', 'Multimodal'];
const TAGS = ['llm', 'rl', 'vision', 'agents', 'robotics', 'speech', 'safety', 'data', 'efficiency', '멀티모달', '추론'];

/** A seeded generator: the same journal every run. */
export function rng(seed = 7) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Syllables the rarer made-up nouns are written with. */
const SYLLABLES = '가각간강개거건경계고공과관광교구국군권규그근기나남내노누다단대도동두라람래량려력로론료류리마만망매명모목무문물미바반방배백범변병보복본부분비사산상새서선설성세소손수순시식신실심아안알압야양어억업여역연열영예오온완외요용우운원위유윤은음응의이인일임자작장재저전절점정제조종주준중지직진질차착찬참창채처천청체초촌총최추축출충취측치칙침카타탐태택토통투특파판패편평포표품프피필하학한할함합항해핵행향허험현형호화확환활황회효후훈휘흐흥희';

/** `count` made-up nouns of two to four syllables, the same every run. */
function madeUpNouns(rnd, count) {
  const out = new Set();
  while (out.size < count) {
    const n = 2 + Math.floor(rnd() * 3);
    let w = '';
    for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(rnd() * SYLLABLES.length)];
    out.add(w);
  }
  return [...out];
}

function writer(rnd) {
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  // The domain's nouns first, then thousands of rarer ones, as in real prose.
  const vocabulary = [...NOUNS, ...madeUpNouns(rnd, 3000)];
  const weights = vocabulary.map((_, i) => 1 / (i + 1));
  const cumulative = [];
  weights.reduce((a, w, i) => (cumulative[i] = a + w), 0);
  // Zipf: index i drawn with weight 1/(i+1).
  const zipf = () => {
    const r = rnd() * cumulative[cumulative.length - 1];
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < r) lo = mid + 1;
      else hi = mid;
    }
    return vocabulary[lo];
  };
  const noun = () => {
    const n = zipf();
    // A compound now and then: 대규모언어모델, 강화학습기반.
    if (rnd() < 0.08) return `대규모${n}`;
    if (rnd() < 0.05) return `${n}기반`;
    return n;
  };
  const sentence = () => {
    const words = [];
    const n = 3 + Math.floor(rnd() * 6);
    for (let i = 0; i < n; i++) {
      const r = rnd();
      if (r < 0.22) words.push(pick(TERMS) + (rnd() < 0.4 ? pick(['는', '를', '로', '의', '에서', '와']) : ''));
      else words.push(noun() + pick(PARTICLES));
    }
    // "언어 모델" as two words, as the author often writes it.
    if (rnd() < 0.1) words.splice(Math.floor(rnd() * words.length), 0, '언어 모델을');
    words.push(pick(VERBS) + '.');
    return words.join(' ');
  };
  const paragraph = () => Array.from({ length: 2 + Math.floor(rnd() * 4) }, sentence).join(' ');
  const title = () => Array.from({ length: 2 + Math.floor(rnd() * 4) }, () => pick(TITLE_WORDS)).join(' ');
  return { pick, rnd, paragraph, title, sentence };
}

/**
 * Writes `posts` posts under `dir` (papers/yYYYY/mMM/YYYYMMDD.md), one a
 * day back from 2025-11-30, about 6 entries each; every fourth post ends
 * with a sentence citing the first entry of a review three days older, as
 * the author links back (what `papershelf index` counts as cited-by).
 * Returns their paths.
 */
export function writeJournal(dir, posts = 4000, seed = 7) {
  const rnd = rng(seed);
  const w = writer(rnd);
  const written = [];
  const made = [];
  for (let i = 0; i < posts; i++) {
    const day = new Date(Date.UTC(2025, 10, 30) - i * 86400000);
    const ymd = day.toISOString().slice(0, 10);
    const rel = `papers/y${ymd.slice(0, 4)}/m${ymd.slice(5, 7)}/${ymd.replaceAll('-', '')}.md`;
    const entries = 3 + Math.floor(rnd() * 7);
    const tags = [...new Set([w.pick(TAGS), w.pick(TAGS)])].slice(0, 1 + Math.floor(rnd() * 2));
    const lines = ['---', `tags: [${tags.join(', ')}]`, '---', ''];
    if (rnd() < 0.2) lines.push("import Figure from '@site/src/components/Figure';", '');
    lines.push(`# ${ymd} papers review`, '', w.sentence(), '');
    let first = null;
    for (let e = 1; e <= entries; e++) {
      const id = `${2000 + Math.floor(rnd() * 600)}.${String(Math.floor(rnd() * 99999)).padStart(5, '0')}`;
      const [title, org] = [w.title(), w.pick(ORGS)];
      // Its heading's id, as Docusaurus slugs it (the titles are ASCII words).
      if (e === 1) first = { title, anchor: `1-${`${title} ${org}`.toLowerCase().replaceAll(' ', '-')}` };
      lines.push(`## ${e}. [${title}](https://arxiv.org/abs/${id}) \`${org}\``);
      if (rnd() < 0.7) lines.push(`### ${w.title()}`);
      lines.push('');
      const paras = 1 + Math.floor(rnd() * 3);
      for (let p = 0; p < paras; p++) lines.push(w.paragraph(), '');
    }
    made.push({ rel, lines, first });
  }
  made.forEach(({ rel, lines }, i) => {
    const older = made[i + 3];
    if (i % 4 === 1 && older) {
      const to = path.posix.relative(path.posix.dirname(rel), older.rel);
      lines.push(`사흘 전 리뷰의 [${older.first.title}](${to}#${older.first.anchor})와 같은 문제를 다른 방법으로 푼다.`, '');
    }
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, lines.join('\n'));
    written.push(rel);
  });
  return written;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dir, n] = process.argv.slice(2);
  if (!dir) {
    console.error('usage: node tests/bench/journal.mjs <dir> [posts]');
    process.exit(2);
  }
  const written = writeJournal(dir, Number(n ?? 4000));
  console.log(`wrote ${written.length} posts to ${dir}`);
}
