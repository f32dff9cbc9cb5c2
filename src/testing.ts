/**
 * `devstack-kit/testing`: helpers for testing configs (synthApp, stripMarker, formatIssues) and
 * presets (synthUnit, outsideValidators).
 * @module
 */
export { formatIssues, stripMarker, synthApp, type TestSynth } from './app/testing.js';
export { outsideValidators, synthUnit, type OutsideReport, type UnitSynth } from './stack/testing.js';
