package dev.floe.example.startups;

import java.util.List;

/**
 * One of the seeds' three flows from the objects to the lake: a stream the objects' outboxes deliver
 * to, a pipeline whose SQL (in {@code streams/<kind>.sql}) turns local identifiers into global ones,
 * and the Iceberg table its sink appends to.
 *
 * @param kind    {@code events}, {@code things} or {@code actions}, as the objects' own tables are named
 * @param binding the binding name the objects' configuration maps to the stream
 */
record LakeFlow(String kind, String binding) {
    static final String NAMESPACE = "default";

    static final List<LakeFlow> ALL = List.of(
            new LakeFlow("events", "EVENTS"),
            new LakeFlow("things", "THINGS"),
            new LakeFlow("actions", "ACTIONS"));

    String stream() {
        return "do_" + kind + "_stream";
    }

    String sink() {
        return "do_" + kind + "_sink";
    }

    String pipeline() {
        return "do_" + kind;
    }

    String table() {
        return "do_" + kind;
    }

    String sqlResource() {
        return "streams/" + kind + ".sql";
    }

    String schemaResource() {
        return "streams/" + kind + ".schema.json";
    }
}
