/**
 * The object runtime: stateful objects with private SQLite storage whose state changes and emitted
 * events commit together, delivered to floe streams by an outbox relay. Depends on floe-client only.
 */
package dev.floe.objects;
