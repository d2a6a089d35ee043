/** The analysis core's public surface: plain data in, plain data out; no LSP or VS Code types. */
export { Analyzer, DEFAULT_SETTINGS, type AnalysisSettings, type AnalysisStep } from './analyzer';
export type { Finding, Severity, Fix, TextEdit } from './finding';
export type { Position, Range } from './text/lineIndex';
export { LineIndex } from './text/lineIndex';
export { RULES, ruleByCode, DOCS_URL, type Rule } from './rules';
export { splitDocuments } from './yaml/splitDocuments';
export * as apimachinery from './schema/apimachineryValidation';
export { quantityError } from './resources/quantity';
export { precompiledSource } from './schema/precompile';
export { SchemaCatalog } from './schema/catalog';
export type { PrecompiledValidators } from './schema/validator';
export { hover, type Hover } from './editor/hover';
export { complete, type CompletionItem } from './editor/completion';
export { documentSymbols, type DocumentSymbol } from './editor/symbols';
export { parseQuantity, formatQuantity, addQuantity, scaleQuantity, type Quantity } from './resources/quantity';
export { podResources, defaultPodSpec, type PodResources } from './resources/podResources';
export { podQOS } from './resources/qos';
export { resourceListJson } from './resources/resourceList';
