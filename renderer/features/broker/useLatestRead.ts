// A view of something the engine reads for it, read again (LatestRead's rules) whenever one of
// `changes` changes; nothing is read while `read` is undefined (no API yet).
import { useEffect, useRef, useState } from 'react';
import { LatestRead } from './latest-read';

export function useLatestRead<T>(read: (() => Promise<T>) | undefined, changes: readonly unknown[]): { value: T | undefined; error: string | undefined } {
  const [value, setValue] = useState<T>();
  const [error, setError] = useState<string>();
  const current = useRef(read);
  current.current = read;
  const reader = useRef<LatestRead<T>>(undefined);
  useEffect(() => {
    const latest = new LatestRead<T>(
      () => current.current!(),
      (answer) => {
        setValue(() => answer);
        setError(undefined);
      },
      setError,
    );
    reader.current = latest;
    return () => latest.stop();
  }, []);
  useEffect(() => {
    if (read) reader.current?.changed();
  }, [read === undefined, ...changes]);
  return { value, error };
}
