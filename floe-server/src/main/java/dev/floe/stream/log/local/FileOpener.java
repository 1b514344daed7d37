package dev.floe.stream.log.local;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;

/**
 * Opens the channels of segment files. The one place where the log meets the file system for its
 * data, so that a different way of opening files (or a disk that fails on purpose) can be put in.
 */
@FunctionalInterface
interface FileOpener {
    FileOpener DEFAULT = FileChannel::open;

    FileChannel open(Path path, OpenOption... options) throws IOException;
}
