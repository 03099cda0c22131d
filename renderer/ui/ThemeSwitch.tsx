// Light, dark, or whatever the OS says (the default); the choice is kept in this browser.
import { useEffect, useState } from 'react';

type Theme = 'system' | 'light' | 'dark';
const KEY = 'mqttscope.theme';

export function ThemeSwitch() {
  const [theme, setTheme] = useState<Theme>(() => (localStorage.getItem(KEY) as Theme | null) ?? 'system');
  useEffect(() => {
    if (theme === 'system') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = theme;
    localStorage.setItem(KEY, theme);
  }, [theme]);
  return (
    <label className="inline-label">
      Theme{' '}
      <select value={theme} onChange={(event) => setTheme(event.target.value as Theme)}>
        <option value="system">Follow the OS</option>
        <option value="light">Light</option>
        <option value="dark">Dark</option>
      </select>
    </label>
  );
}
