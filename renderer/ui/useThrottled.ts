// A value that follows another at most once per `ms` (0: at once): views that are costly to
// draw keep up with a flood of updates without drawing each one.
import { useEffect, useRef, useState } from 'react';

export function useThrottled<T>(value: T, ms: number): T {
  const [shown, setShown] = useState(value);
  const lastShown = useRef(0);
  useEffect(() => {
    const show = () => {
      lastShown.current = performance.now();
      setShown(() => value);
    };
    const wait = lastShown.current + ms - performance.now();
    if (wait <= 0) return show();
    const timer = setTimeout(show, wait);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return ms === 0 ? value : shown;
}
