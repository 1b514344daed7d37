package dev.floe.bench;

import java.nio.file.Path;

/** The positional arguments of a benchmark's {@code main}, each with its default when left out. */
final class BenchArguments {
    private final String[] arguments;

    BenchArguments(String[] arguments) {
        this.arguments = arguments;
    }

    /** The first argument, the directory a benchmark works in. */
    Path workDirectory() {
        return Path.of(arguments.length > 0 ? arguments[0] : "bench-data");
    }

    long number(int index, long fallback) {
        return arguments.length > index ? Long.parseLong(arguments[index]) : fallback;
    }

    int integer(int index, int fallback) {
        return Math.toIntExact(number(index, fallback));
    }
}
