// The dashboard page: plain HTML, one section per chart with its SVG and the same numbers as a
// table (what screen readers read, and what shows when images or scripts are off). No scripts.
import type { Chart, Dashboard } from '../core/dashboard/model.js';
import { chartSvg } from './charts.js';

const escape = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

function table(chart: Chart): string {
  const head = `<tr><th scope="col">${escape(chart.title.split(',')[0]!)}</th>${chart.series.map((s) => `<th scope="col">${escape(s)}</th>`).join('')}</tr>`;
  const body = chart.rows.map((r) => `<tr><th scope="row">${escape(r.label)}</th>${r.values.map((v) => `<td>${v}</td>`).join('')}</tr>`).join('');
  return `<table><caption>${escape(chart.title)} (numbers)</caption><thead>${head}</thead><tbody>${body}</tbody></table>`;
}

async function section(chart: Chart): Promise<string> {
  const inner = chart.withheld
    ? `<p class="withheld">${escape(chart.withheld)}</p>`
    : `<figure>${await chartSvg(chart)}</figure>${table(chart)}`;
  return `<section id="${chart.id}" aria-labelledby="${chart.id}-title"><h2 id="${chart.id}-title">${escape(chart.title)}</h2><p class="note">${escape(chart.note)}</p>${inner}</section>`;
}

const STYLE = `body{font:15px/1.45 system-ui,sans-serif;margin:0;background:#f6f7f5;color:#1d2522}
header{background:#2f6f5e;color:#fff;padding:18px 28px}header h1{margin:0;font-size:22px}header p{margin:4px 0 0;opacity:.9}
main{display:grid;grid-template-columns:repeat(auto-fill,minmax(600px,1fr));gap:18px;padding:20px 28px}
section{background:#fff;border:1px solid #dfe4e1;border-radius:8px;padding:14px 18px}h2{font-size:17px;margin:0 0 4px}
.note{color:#52605a;margin:0 0 8px;font-size:13px}.withheld{background:#f1f3f2;padding:10px;border-radius:6px}
figure{margin:0}svg{max-width:100%;height:auto}table{border-collapse:collapse;margin-top:8px;font-size:13px}
caption{text-align:left;font-weight:600;padding-bottom:4px}th,td{border:1px solid #dfe4e1;padding:3px 8px;text-align:right}th[scope=row]{text-align:left;font-weight:normal}
footer{padding:0 28px 24px;color:#52605a;font-size:13px}`;

export async function dashboardPage(d: Dashboard): Promise<string> {
  const sections = await Promise.all(d.charts.map(section));
  const stepBack = d.stepsBack ? '<p>This program steps back after the match: what happens between mentor and mentee is theirs, so only people, matches, meetings and anonymous evaluations are shown.</p>' : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${escape(d.programName)} — Trellis dashboard</title><style>${STYLE}</style></head>
<body><header><h1>${escape(d.programName)}</h1><p>${escape(d.templateName)} · counts only, as of ${escape(d.generatedAt.toISOString().slice(0, 16).replace('T', ' '))} UTC</p>${stepBack}</header>
<main>${sections.join('\n')}</main>
<footer>Groups smaller than 5 are never shown, and nobody's notes, reflections or answers are part of this page.</footer></body></html>`;
}
