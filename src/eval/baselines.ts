/**
 * The simple ways the brief compares newsbot with, so the gain is visible in `npm run eval`.
 */

const COUNTRIES: Array<[string, RegExp]> = [
  ['japan', /\b(?:Japan|Japanese)\b|日本/],
  ['china', /\b(?:China|Chinese)\b|中国|中國/],
  ['taiwan', /\b(?:Taiwan|Taiwanese)\b|台湾|臺灣|台灣/],
];

/** Relevant when at least two of the three country names (or demonyms) appear. */
export function twoCountriesRule(title: string, summary: string): boolean {
  const text = `${title} ${summary}`;
  return COUNTRIES.filter(([, pattern]) => pattern.test(text)).length >= 2;
}

const WORD = /[a-z0-9]+|[\u3040-\u30ff\u4e00-\u9fff]/g;

/**
 * Single-link clustering on plain TF-IDF cosine over title + summary words (CJK by character):
 * an item joins the story of its most similar earlier item when the cosine reaches `threshold`.
 */
export function singleLinkTfidf(texts: string[], threshold: number): number[] {
  const docs = texts.map((text) => {
    const counts = new Map<string, number>();
    for (const token of text.toLowerCase().match(WORD) ?? []) counts.set(token, (counts.get(token) ?? 0) + 1);
    return counts;
  });
  const df = new Map<string, number>();
  for (const doc of docs) for (const token of doc.keys()) df.set(token, (df.get(token) ?? 0) + 1);
  const vectors = docs.map((doc) => {
    const vector = new Map<string, number>();
    let norm = 0;
    for (const [token, count] of doc) {
      const weight = count * Math.log((docs.length + 1) / ((df.get(token) ?? 0) + 1));
      vector.set(token, weight);
      norm += weight * weight;
    }
    return { vector, norm: Math.sqrt(norm) || 1 };
  });
  const cluster: number[] = [];
  vectors.forEach((current, i) => {
    let best = -1;
    let bestSimilarity = 0;
    for (let j = 0; j < i; j++) {
      const other = vectors[j]!;
      let dot = 0;
      for (const [token, weight] of current.vector) dot += weight * (other.vector.get(token) ?? 0);
      const similarity = dot / (current.norm * other.norm);
      if (similarity > bestSimilarity) {
        bestSimilarity = similarity;
        best = j;
      }
    }
    cluster.push(best >= 0 && bestSimilarity >= threshold ? cluster[best]! : i);
  });
  return cluster;
}
