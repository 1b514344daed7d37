/**
 * Stream schemas in Cloudflare Pipelines' JSON form: the typed fields a structured stream's records
 * must have. {@link dev.floe.stream.schema.StreamSchema#fromJson} reads and checks one,
 * {@link dev.floe.stream.schema.StreamSchema#toJson} writes its normalized form.
 */
package dev.floe.stream.schema;
