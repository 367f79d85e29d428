// Each chart is drawn on the server as SVG by Vega-Lite (compiled) and Vega (rendered headless):
// a maintained charting library, no browser script, no third-party host, works without JavaScript.
import type { TopLevelSpec } from 'vega-lite';
import type { Chart } from '../core/dashboard/model.js';

/**
 * Vega and Vega-Lite load on the first chart, not with the web process: Vega-Lite sets
 * `Set.prototype.toJSON` when it loads, and discord.js (its bundled util.inspect) then fails to
 * load at all — a web process with Discord configured could not start. By the first dashboard
 * request the platforms are long loaded.
 */
let libraries: Promise<[typeof import('vega'), typeof import('vega-lite')]> | undefined;
const load = () => (libraries ??= Promise.all([import('vega'), import('vega-lite')]));

const PALETTE = ['#2f6f5e', '#9ac1b4', '#d9a441', '#b5533c', '#5a6f9e'];

function spec(chart: Chart): TopLevelSpec {
  const values = chart.rows.flatMap((r) => r.values.map((value, i) => ({ label: r.label, series: chart.series[i]!, value })));
  const grouped = chart.series.length > 1;
  return {
    width: 520,
    height: { step: grouped ? 14 : 22 },
    background: 'white',
    data: { values },
    mark: { type: 'bar', tooltip: false },
    encoding: {
      y: { field: 'label', type: 'nominal', sort: null, title: null, axis: { labelLimit: 220 } },
      ...(grouped ? { yOffset: { field: 'series', sort: chart.series } } : {}),
      x: { field: 'value', type: 'quantitative', title: null, axis: { tickMinStep: 1 } },
      color: { field: 'series', type: 'nominal', sort: chart.series, scale: { range: PALETTE }, legend: grouped ? { title: null, orient: 'bottom' } : null },
    },
    config: { font: 'system-ui, sans-serif', view: { stroke: null } },
  };
}

/** The chart as an SVG element, marked up for assistive technology to skip (the table carries the numbers). */
export async function chartSvg(chart: Chart): Promise<string> {
  const [vega, { compile }] = await load();
  const view = new vega.View(vega.parse(compile(spec(chart)).spec), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    return svg.replace('<svg ', `<svg role="img" aria-hidden="true" focusable="false" data-chart="${chart.id}" `);
  } finally {
    view.finalize();
  }
}
