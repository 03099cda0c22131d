// Merges several time-ordered sequences into one, lazily: the pcapng writer interleaves the
// packets of many sessions without holding them all. A binary heap keeps it O(n log k).

export interface Timed {
  time: number;
}

interface Head<T> {
  item: T;
  source: number;
  rest: Iterator<T>;
}

/** Earliest first; equal times keep the order of the sources, then of each source. */
export function* mergeByTime<T extends Timed>(sources: Iterable<T>[]): Generator<T> {
  const heap: Head<T>[] = [];
  const before = (a: Head<T>, b: Head<T>) => a.item.time < b.item.time || (a.item.time === b.item.time && a.source < b.source);
  const push = (head: Head<T>) => {
    heap.push(head);
    for (let index = heap.length - 1; index > 0; ) {
      const parent = (index - 1) >> 1;
      if (!before(heap[index], heap[parent])) break;
      [heap[index], heap[parent]] = [heap[parent], heap[index]];
      index = parent;
    }
  };
  const popTop = () => {
    const last = heap.pop()!;
    if (heap.length === 0) return;
    heap[0] = last;
    for (let index = 0; ; ) {
      const left = index * 2 + 1;
      const right = left + 1;
      let smallest = index;
      if (left < heap.length && before(heap[left], heap[smallest])) smallest = left;
      if (right < heap.length && before(heap[right], heap[smallest])) smallest = right;
      if (smallest === index) break;
      [heap[index], heap[smallest]] = [heap[smallest], heap[index]];
      index = smallest;
    }
  };
  sources.forEach((source, index) => {
    const rest = source[Symbol.iterator]();
    const first = rest.next();
    if (!first.done) push({ item: first.value, source: index, rest });
  });
  while (heap.length > 0) {
    const top = heap[0];
    yield top.item;
    const next = top.rest.next();
    popTop();
    if (!next.done) push({ item: next.value, source: top.source, rest: top.rest });
  }
}
