package dev.floe.stream.log.local;

import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Names of files identified by an offset: the offset zero-padded to 20 digits (so that names sort
 * like offsets) followed by a suffix saying what the file holds.
 */
final class OffsetFileName {
    private final String suffix;
    private final Pattern pattern;

    OffsetFileName(String suffix) {
        this.suffix = suffix;
        this.pattern = Pattern.compile("\\d{20}" + Pattern.quote(suffix));
    }

    String of(long offset) {
        return "%020d%s".formatted(offset, suffix);
    }

    /** The offset a file is named by, or empty when its name is not of this kind. */
    OptionalLong offsetOf(Path file) {
        String name = file.getFileName().toString();
        return pattern.matcher(name).matches()
                ? OptionalLong.of(Long.parseLong(name, 0, name.length() - suffix.length(), 10))
                : OptionalLong.empty();
    }
}
