package dev.floe.catalog.maintenance;

/**
 * Files a {@link PageMerge} found it cannot merge page by page, for a reason only their pages show;
 * compaction then has DuckDB rewrite them.
 */
final class PagesNotMergeable extends Exception {
    PagesNotMergeable(String reason) {
        super(reason);
    }
}
