package dev.floe.catalog.maintenance;

/** The kinds of maintenance job, by the name metrics and logs give them. */
public enum JobKind {
    COMPACTION("compaction"),
    MANIFEST_REWRITE("manifest_rewrite"),
    SNAPSHOT_EXPIRATION("snapshot_expiration"),
    ORPHAN_FILE_REMOVAL("orphan_file_removal");

    private final String label;

    JobKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
