package dev.floe.catalog.maintenance;

import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import java.util.List;

/**
 * Whether a table's data files are bin-packed into files of a target size, and which size.
 *
 * @param enabled      whether compaction runs
 * @param targetSizeMb the size aimed at in MiB: 64, 128, 256 or 512, R2 Data Catalog's choices
 */
public record CompactionPolicy(boolean enabled, int targetSizeMb) {
    public static final List<Integer> TARGET_SIZES_MB = List.of(64, 128, 256, 512);
    /** Off until enabled, as in R2 Data Catalog, whose default target is 128 MB. */
    public static final CompactionPolicy DEFAULT = new CompactionPolicy(false, 128);

    public CompactionPolicy {
        if (!TARGET_SIZES_MB.contains(targetSizeMb)) {
            throw new FloeException(ErrorCode.INVALID_REQUEST, "the compaction target size must be one of "
                    + TARGET_SIZES_MB + " MB, got " + targetSizeMb);
        }
    }

    public long targetSizeBytes() {
        return targetSizeMb * 1024L * 1024L;
    }
}
