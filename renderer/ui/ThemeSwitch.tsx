// Light, dark, or whatever the OS says (the default); the store keeps and applies the choice.
import { useStore } from '../store';
import { THEME_TITLES, THEMES, type Theme } from '../store/theme-slice';

export function ThemeSwitch() {
  const theme = useStore((state) => state.theme);
  const setTheme = useStore((state) => state.setTheme);
  return (
    <label className="inline-label">
      Theme{' '}
      <select value={theme} onChange={(event) => setTheme(event.target.value as Theme)}>
        {THEMES.map((choice) => (
          <option key={choice} value={choice}>
            {THEME_TITLES[choice]}
          </option>
        ))}
      </select>
    </label>
  );
}
