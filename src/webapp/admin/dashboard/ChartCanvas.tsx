/**
 * A chart drawn by chart.js (tree-shaken: only the bar and line controllers, their elements, two scales and the
 * tooltip are registered). chart.js sizes its canvas through the style property (CSSOM), which the page's CSP
 * (style-src 'self') allows; it adds no style element or attribute. The canvas is hidden from screen readers: each
 * chart's figure carries a summary and a data table instead (ChartFigure.tsx). No animation: it redraws every minute.
 */
import { useEffect, useRef } from 'react';
import { BarController, BarElement, CategoryScale, Chart, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Tooltip);

export interface ChartSpec {
  kind: 'bar' | 'line';
  labels: string[];
  values: number[];
  /** the dataset's name (the tooltip's) */
  label: string;
  /** bars along the y axis (long category names) */
  horizontal?: boolean;
}

const ACCENT = '#0b5cad';
const GRID = '#d0d4da';

export function ChartCanvas({ spec }: { spec: ChartSpec }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const key = JSON.stringify(spec);
  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    const s = JSON.parse(key) as ChartSpec;
    const valueAxis = { beginAtZero: true, ticks: { precision: 0, color: '#4a4a4a' }, grid: { color: GRID } };
    const categoryAxis = { ticks: { color: '#4a4a4a', autoSkip: true, maxRotation: 0 }, grid: { display: false } };
    const chart = new Chart(el, {
      type: s.kind,
      data: {
        labels: s.labels,
        datasets: [
          {
            label: s.label,
            data: s.values,
            backgroundColor: ACCENT,
            borderColor: ACCENT,
            borderWidth: s.kind === 'line' ? 2 : 0,
            pointRadius: 0,
            pointHitRadius: 6,
          },
        ],
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        indexAxis: s.horizontal ? 'y' : 'x',
        plugins: { tooltip: { enabled: true } },
        scales: s.horizontal ? { x: valueAxis, y: categoryAxis } : { x: categoryAxis, y: valueAxis },
      },
    });
    return () => chart.destroy();
  }, [key]);
  return (
    <div className="dashboard-canvas">
      <canvas ref={canvas} aria-hidden="true" />
    </div>
  );
}
