package dev.floe.objects.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where object databases live: {@code <data dir>/objects/<type>/<SHA-256 of the name>.db}. A hash,
 * because names are any text and file names are not; the name itself is kept inside the database.
 */
final class ObjectFiles {
    private final Path root;

    ObjectFiles(Path dataDir) {
        this.root = dataDir.resolve("objects");
    }

    Path file(String type, String name) {
        return root.resolve(type).resolve(hash(name) + ".db");
    }

    /** Every object database there is. */
    List<Path> all() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root, 2)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".db")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
