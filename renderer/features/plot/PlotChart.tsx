// One uPlot line chart over time in the theme's colours, as wide and tall as its frame. Drag across
// it to zoom in on a stretch of time, double-click to see all again (uPlot's own gestures); new
// points keep a zoom the person made and widen the view that was not zoomed.
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useElementSize } from '../../ui/useElementSize';
import { chartDrawn } from './plot-timing';
import { useThemeColors, type ThemeColors } from './useThemeColors';

interface ChartProps {
  /** Seconds since the epoch, ascending. */
  x: Float64Array;
  y: Float64Array;
  valueLabel: string;
  /** What the chart shows, in words, for a screen reader. */
  description: string;
}

export function PlotChart({ x, y, valueLabel, description }: ChartProps) {
  const frame = useRef<HTMLDivElement>(null);
  const legend = useRef<HTMLDivElement>(null);
  const size = useElementSize(frame, undefined, { width: 600, height: 220 });
  const colors = useThemeColors();
  const chart = useRef<uPlot>(undefined);
  const zoomed = useRef(false);
  const latest = useRef({ data: [x, y] as uPlot.AlignedData, size });
  latest.current = { data: [x, y], size };
  const shown = useRef<uPlot.AlignedData>(undefined);

  useEffect(() => {
    const { data, size: { width, height } } = latest.current;
    const plot = new uPlot(chartOptions({ width, height, colors, valueLabel, legend: legend.current!, zoomed }), data, frame.current!);
    chart.current = plot;
    shown.current = data;
    zoomed.current = false;
    return () => {
      plot.destroy();
      chart.current = undefined;
    };
  }, [colors, valueLabel]);

  useEffect(() => {
    const data: uPlot.AlignedData = [x, y];
    if (!chart.current || shown.current?.[0] === x) return;
    shown.current = data;
    chart.current.setData(data, !zoomed.current);
  }, [x, y]);

  useEffect(() => {
    const plot = chart.current;
    if (plot && (plot.width !== size.width || plot.height !== size.height)) plot.setSize(size);
  }, [size]);

  return (
    <div className="plot-chart">
      <div className="plot-frame" ref={frame} role="img" aria-label={description} />
      <div className="plot-legend" ref={legend} />
    </div>
  );
}

interface OptionsFor {
  width: number;
  height: number;
  colors: ThemeColors;
  valueLabel: string;
  legend: HTMLElement;
  zoomed: { current: boolean };
}

function chartOptions({ width, height, colors, valueLabel, legend, zoomed }: OptionsFor): uPlot.Options {
  const axis: uPlot.Axis = { stroke: colors.muted, grid: { stroke: colors.border, width: 1 }, ticks: { stroke: colors.border, width: 1 } };
  return {
    width,
    height,
    scales: { x: { time: true } },
    series: [{ label: 'Time' }, { label: valueLabel, stroke: colors.accent, width: 1.5, points: { fill: colors.accent } }],
    axes: [axis, { ...axis, size: 60 }],
    cursor: { drag: { x: true, y: false } },
    legend: { mount: (_self, element) => legend.append(element) },
    hooks: {
      draw: [chartDrawn],
      // A zoom is the x scale narrower than the data: a drag made it, a double-click or new data
      // with the scales reset undoes it.
      setScale: [
        (self, key) => {
          if (key !== 'x') return;
          const xs = self.data[0];
          const { min, max } = self.scales.x;
          zoomed.current = xs.length > 1 && min !== undefined && max !== undefined && (min > xs[0] || max < xs[xs.length - 1]);
        },
      ],
    },
  };
}
