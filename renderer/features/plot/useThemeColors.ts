// The theme's colours as a canvas needs them (it cannot read CSS variables): read from the page's
// variables, and read again when the theme changes (the switch, or the OS going dark).
import { useEffect, useState } from 'react';

export interface ThemeColors {
  text: string;
  muted: string;
  border: string;
  accent: string;
}

const NAMES = ['text', 'muted', 'border', 'accent'] as const;

function readColors(): ThemeColors {
  const style = getComputedStyle(document.documentElement);
  return Object.fromEntries(NAMES.map((name) => [name, style.getPropertyValue(`--${name}`).trim()])) as unknown as ThemeColors;
}

const same = (a: ThemeColors, b: ThemeColors) => NAMES.every((name) => a[name] === b[name]);

export function useThemeColors(): ThemeColors {
  const [colors, setColors] = useState(readColors);
  useEffect(() => {
    const update = () =>
      setColors((current) => {
        const next = readColors();
        return same(current, next) ? current : next;
      });
    const observer = new MutationObserver(update);
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    const dark = matchMedia('(prefers-color-scheme: dark)');
    dark.addEventListener('change', update);
    update();
    return () => {
      observer.disconnect();
      dark.removeEventListener('change', update);
    };
  }, []);
  return colors;
}
