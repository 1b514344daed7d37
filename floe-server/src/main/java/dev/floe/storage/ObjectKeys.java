package dev.floe.storage;

import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;

/** The rules every bucket applies to object keys and list prefixes, and the order keys list in. */
final class ObjectKeys {
    /** S3's limit, so that a key valid in one kind of bucket is valid in every kind. */
    static final int MAX_KEY_BYTES = 1024;

    /** Code point order, which is the order of the UTF-8 bytes that S3 lists keys in. */
    static final Comparator<String> ORDER = ObjectKeys::compareCodePoints;

    private static final String KEY = "object key";
    private static final String PREFIX = "list prefix";

    private ObjectKeys() {
    }

    /**
     * Checks that a key names an object inside the bucket.
     *
     * @throws FloeException {@code INVALID_REQUEST} naming the key and what is wrong with it
     */
    static String requireValid(String key) {
        if (key == null || key.isEmpty()) {
            throw invalid("object key is empty; give a name such as 'events/part-0.json'");
        }
        checkCharacters(KEY, key);
        if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw invalid(KEY, key, "it is longer than " + MAX_KEY_BYTES + " bytes");
        }
        for (String segment : key.split("/", -1)) {
            checkSegment(KEY, key, segment);
        }
        return key;
    }

    /**
     * Checks a list prefix: like a key, except that it may be empty and its last segment may be
     * partial or empty ({@code events/} and {@code events/2026-0} are both prefixes).
     */
    static String requireValidPrefix(String prefix) {
        if (prefix == null) {
            throw invalid("list prefix is missing; use \"\" to list every object");
        }
        if (prefix.isEmpty()) {
            return prefix;
        }
        checkCharacters(PREFIX, prefix);
        String[] segments = prefix.split("/", -1);
        for (int i = 0; i < segments.length - 1; i++) {
            checkSegment(PREFIX, prefix, segments[i]);
        }
        return prefix;
    }

    private static void checkCharacters(String what, String key) {
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw invalid(what, printable(key), "it contains a control character");
            }
            if (c == '\\') {
                throw invalid(what, key, "it contains a backslash; separate names with '/'");
            }
        }
        if (key.startsWith("/")) {
            throw invalid(what, key, "it starts with '/'; keys are relative to the bucket");
        }
    }

    private static void checkSegment(String what, String key, String segment) {
        if (segment.isEmpty()) {
            throw invalid(what, key, "it has an empty segment ('//' or a '/' at the end)");
        }
        if (segment.equals(".") || segment.equals("..")) {
            throw invalid(what, key, "it has a '" + segment + "' segment, which could point outside the bucket");
        }
    }

    private static String printable(String key) {
        StringBuilder text = new StringBuilder();
        key.chars().forEach(c -> text.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return text.toString();
    }

    private static FloeException invalid(String what, String key, String reason) {
        return invalid(what + " '" + key + "' is invalid: " + reason);
    }

    private static FloeException invalid(String message) {
        return new FloeException(ErrorCode.INVALID_REQUEST, message);
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int left = a.codePointAt(i);
            int right = b.codePointAt(j);
            if (left != right) {
                return Integer.compare(left, right);
            }
            i += Character.charCount(left);
            j += Character.charCount(right);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
