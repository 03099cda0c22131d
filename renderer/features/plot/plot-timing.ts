// How long a plot takes from its data being there (an answer come, a value chosen) to the chart
// drawn, as a User Timing measure: DevTools' performance panel shows it and the UI benchmark
// reads it. Only the latest is kept, so a plot kept up to date for hours holds one entry.
export const DRAWN_MEASURE = 'plot: data to drawn';

let since: number | undefined;

export function dataThere(): void {
  since = performance.now();
}

export function chartDrawn(): void {
  if (since === undefined) return;
  performance.clearMeasures(DRAWN_MEASURE);
  performance.measure(DRAWN_MEASURE, { start: since, end: performance.now() });
  since = undefined;
}
