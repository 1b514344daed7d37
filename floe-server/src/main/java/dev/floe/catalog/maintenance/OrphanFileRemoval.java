package dev.floe.catalog.maintenance;

import dev.floe.catalog.LocalFileIO;
import dev.floe.catalog.maintenance.JobOutcome.Status;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.ManifestContent;
import org.apache.iceberg.ManifestFile;
import org.apache.iceberg.ManifestFiles;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.ReachableFileUtil;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableUtil;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.FileInfo;
import org.apache.iceberg.io.SupportsPrefixOperations;

/**
 * Deletes the files under a table's location that none of its metadata refers to and that are older
 * than a safety age: what failed writes and uncommitted compactions left, and metadata files that fell
 * off the metadata log. The age must be far longer than any writer takes between writing a file and
 * committing it, since such a file is unreferenced until the commit.
 *
 * <p>Only the table's own folder is listed (the location and a slash), and only through its files,
 * which never delete outside its bucket. A table whose folder holds another table's folder, or shares
 * it, is left alone: that table's files would look like orphans. The folder is listed before the
 * metadata is read, so a file committed while listing is seen as referenced.
 */
final class OrphanFileRemoval {
    private OrphanFileRemoval() {
    }

    /**
     * @param otherLocations the locations of every other table of the catalog
     * @param olderThan      files written since are kept whatever their state
     */
    static JobOutcome run(MaintainedTable target, Collection<String> otherLocations, Instant olderThan) {
        long started = System.nanoTime();
        Table table = target.table();
        String folder = normalize(table.location()) + "/";
        String refusal = !target.garbageCollected() ? "its gc.enabled property is false, so no file of it may be deleted"
                : !(table.io() instanceof SupportsPrefixOperations) ? "its files cannot be listed"
                : otherLocations.stream().map(OrphanFileRemoval::normalize)
                        .anyMatch(other -> (other + "/").startsWith(folder))
                ? "another table's files are in its folder " + folder : null;
        if (refusal != null) {
            return target.nothing(JobKind.ORPHAN_FILE_REMOVAL, Status.SKIPPED, started, refusal);
        }
        int deleted = 0;
        long bytes = 0;
        try {
            List<FileInfo> candidates = new ArrayList<>();
            for (FileInfo file : ((SupportsPrefixOperations) table.io()).listPrefix(folder)) {
                if (file.createdAtMillis() < olderThan.toEpochMilli()) {
                    candidates.add(file);
                }
            }
            table.refresh();
            Set<String> referenced = referenced(table);
            for (FileInfo file : candidates) {
                if (!referenced.contains(normalize(file.location()))) {
                    table.io().deleteFile(file.location());
                    deleted++;
                    bytes += file.size();
                }
            }
        } catch (RuntimeException e) {
            return target.outcome(JobKind.ORPHAN_FILE_REMOVAL, Status.FAILED, deleted, 0, bytes, 0, started,
                    e.toString());
        }
        return target.outcome(JobKind.ORPHAN_FILE_REMOVAL, deleted == 0 ? Status.IDLE : Status.DONE, deleted, 0, bytes,
                0, started, null);
    }

    /** Every file the table's metadata refers to, in any snapshot it keeps. */
    static Set<String> referenced(Table table) {
        Set<String> referenced = new HashSet<>();
        ReachableFileUtil.metadataFileLocations(table, true).forEach(location -> referenced.add(normalize(location)));
        referenced.add(normalize(TableUtil.metadataFileLocation(table)));
        ReachableFileUtil.manifestListLocations(table).forEach(location -> referenced.add(normalize(location)));
        ReachableFileUtil.statisticsFilesLocations(table).forEach(location -> referenced.add(normalize(location)));
        table.partitionStatisticsFiles().forEach(file -> referenced.add(normalize(file.path())));
        Map<Integer, PartitionSpec> specs = table.specs();
        Set<String> manifests = new HashSet<>();
        for (Snapshot snapshot : table.snapshots()) {
            for (ManifestFile manifest : snapshot.allManifests(table.io())) {
                if (manifests.add(manifest.path())) {
                    referenced.add(normalize(manifest.path()));
                    contents(table, manifest, specs).forEach(location -> referenced.add(normalize(location)));
                }
            }
        }
        return referenced;
    }

    private static List<String> contents(Table table, ManifestFile manifest, Map<Integer, PartitionSpec> specs) {
        List<String> locations = new ArrayList<>();
        try {
            if (manifest.content() == ManifestContent.DATA) {
                try (CloseableIterable<String> paths = ManifestFiles.readPaths(manifest, table.io(), specs)) {
                    paths.forEach(locations::add);
                }
            } else {
                try (var deletes = ManifestFiles.readDeleteManifest(manifest, table.io(), specs)) {
                    deletes.forEach(file -> locations.add(file.location()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read manifest " + manifest.path(), e);
        }
        return locations;
    }

    /**
     * One spelling per file: {@code file:} locations as their normalized path, S3's other schemes as
     * {@code s3}, as Iceberg's own orphan removal treats them alike.
     */
    static String normalize(String location) {
        if (location.startsWith("file:")) {
            return "file:" + LocalFileIO.path(location);
        }
        for (String scheme : new String[] {"s3a://", "s3n://"}) {
            if (location.startsWith(scheme)) {
                return "s3://" + location.substring(scheme.length());
            }
        }
        return location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
    }
}
