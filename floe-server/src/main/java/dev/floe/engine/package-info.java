/**
 * The embedded DuckDB that evaluates pipelines: opening it with bounded resources
 * ({@link dev.floe.engine.DuckDbEngine}), the DuckDB types of stream fields
 * ({@link dev.floe.engine.DuckDbTypes}, {@link dev.floe.engine.StreamColumns}), loading a batch of log
 * records into a typed table ({@link dev.floe.engine.BatchLoader}), and the Cloudflare Pipelines
 * functions DuckDB lacks or means differently ({@link dev.floe.engine.CloudflareFunctions}).
 */
package dev.floe.engine;
