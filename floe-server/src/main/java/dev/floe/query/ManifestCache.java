package dev.floe.query;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.ManifestFile;
import org.apache.iceberg.ManifestFiles;
import org.apache.iceberg.ManifestReader;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.io.FileIO;

/**
 * The manifest lists and manifests that planning read before, decoded. Iceberg never rewrites either
 * file (a commit writes new ones), so what was read once stays right, and a query over a table of
 * hundreds of manifests (every sink roll appends one) plans without reading any of them again: reading
 * and decoding them was most of a small query's time. The least recently used go first, past
 * {@value #MAX_DATA_FILES} data files or {@value #MAX_SNAPSHOTS} manifest lists.
 */
final class ManifestCache {
    /** With their column statistics, about a kilobyte each on the heap. */
    static final int MAX_DATA_FILES = 200_000;
    static final int MAX_SNAPSHOTS = 1_000;

    private final WeighedCache<String, List<DataFile>> dataFiles = new WeighedCache<>(MAX_DATA_FILES, List::size);
    private final WeighedCache<String, List<ManifestFile>> manifestLists = new WeighedCache<>(MAX_SNAPSHOTS, list -> 1);

    /** The data manifests of a snapshot. */
    List<ManifestFile> dataManifests(Snapshot snapshot, FileIO io) {
        String list = snapshot.manifestListLocation();
        List<ManifestFile> cached = list == null ? null : manifestLists.get(list);
        if (cached != null) {
            return cached;
        }
        List<ManifestFile> manifests = List.copyOf(snapshot.dataManifests(io));
        if (list != null) {
            manifestLists.put(list, manifests);
        }
        return manifests;
    }

    /** The live data files of a data manifest (added or existing, not deleted), with their statistics. */
    List<DataFile> dataFiles(ManifestFile manifest, FileIO io, Map<Integer, PartitionSpec> specs) {
        List<DataFile> cached = dataFiles.get(manifest.path());
        if (cached != null) {
            return cached;
        }
        List<DataFile> files = new ArrayList<>();
        try (ManifestReader<DataFile> reader = ManifestFiles.read(manifest, io, specs)) {
            reader.forEach(file -> files.add(file.copy()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        dataFiles.put(manifest.path(), files);
        return files;
    }
}
