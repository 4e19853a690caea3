// The part of wink-bm25-text-search's API that bench/bm25-libraries.ts uses (it ships no types).
declare module 'wink-bm25-text-search' {
  interface WinkBm25 {
    defineConfig(config: { fldWeights: Record<string, number>; bm25Params?: { k1: number; b: number; k: number } }): void;
    definePrepTasks(tasks: ((text: string) => string[] | string)[]): void;
    addDoc(document: Record<string, string>, id: string): void;
    consolidate(precision?: number): void;
    search(text: string, limit?: number): [string, number][];
    exportJSON(): string;
  }
  export default function bm25(): WinkBm25;
}
