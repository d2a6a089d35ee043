// Rendering Helm charts for the language server: `helm template`, a child process.
export { renderChartInBackground, type ChartResult, type HelmRenderer } from './renderChart';
