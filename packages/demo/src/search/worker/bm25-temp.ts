// TEMPORARY stand-in with @webrerank/core/search's API (branch bm25), removed at the merge.
export interface Bm25Snapshot {
  docs: [string, string][];
}
export interface Bm25Index {
  add(docs: Iterable<{ id: string; text: string }>): void;
  remove(id: string): boolean;
  search(query: string, topK: number): { id: string; score: number; rank: number }[];
  readonly size: number;
  toJSON(): Bm25Snapshot;
}
const terms = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
class Temp implements Bm25Index {
  private readonly docs = new Map<string, string[]>();
  private readonly texts = new Map<string, string>();
  get size(): number {
    return this.docs.size;
  }
  add(docs: Iterable<{ id: string; text: string }>): void {
    for (const d of docs) {
      this.docs.set(d.id, terms(d.text));
      this.texts.set(d.id, d.text);
    }
  }
  remove(id: string): boolean {
    this.texts.delete(id);
    return this.docs.delete(id);
  }
  search(query: string, topK: number): { id: string; score: number; rank: number }[] {
    const q = [...new Set(terms(query))];
    const n = this.docs.size;
    let total = 0;
    for (const t of this.docs.values()) total += t.length;
    const avg = total / Math.max(n, 1);
    const df = new Map<string, number>();
    for (const t of this.docs.values()) for (const w of new Set(t)) if (q.includes(w)) df.set(w, (df.get(w) ?? 0) + 1);
    const out: { id: string; score: number }[] = [];
    for (const [id, t] of this.docs) {
      let score = 0;
      for (const w of q) {
        const f = t.filter((x) => x === w).length;
        if (!f) continue;
        const d = df.get(w) ?? 0;
        score += Math.log(1 + (n - d + 0.5) / (d + 0.5)) * ((f * 2.2) / (f + 1.2 * (0.25 + (0.75 * t.length) / avg)));
      }
      if (score > 0) out.push({ id, score });
    }
    return out.sort((a, b) => b.score - a.score).slice(0, topK).map((h, i) => ({ ...h, rank: i + 1 }));
  }
  toJSON(): Bm25Snapshot {
    return { docs: [...this.texts] };
  }
}
export const createBm25Index = (): Bm25Index => new Temp();
export function restoreBm25Index(snapshot: Bm25Snapshot): Bm25Index {
  const index = new Temp();
  index.add(snapshot.docs.map(([id, text]) => ({ id, text })));
  return index;
}
