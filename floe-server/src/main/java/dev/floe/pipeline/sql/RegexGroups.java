package dev.floe.pipeline.sql;

/**
 * Counts the capture groups of a regular expression: each {@code (} that is not escaped, not inside
 * a character class and not a non-capturing or look-around group ({@code (?:}, {@code (?i)},
 * {@code (?=}…), while named groups ({@code (?P<name>}, {@code (?<name>}) count.
 */
final class RegexGroups {
    private RegexGroups() {}

    static int count(String pattern) {
        int groups = 0;
        boolean inClass = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                i++;
            } else if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
                if (i + 1 < pattern.length() && pattern.charAt(i + 1) == ']') {
                    i++;
                }
            } else if (c == '(' && (!pattern.startsWith("?", i + 1) || isNamedGroup(pattern, i + 1))) {
                groups++;
            }
        }
        return groups;
    }

    private static boolean isNamedGroup(String pattern, int question) {
        return pattern.startsWith("?P<", question)
                || (pattern.startsWith("?<", question) && !pattern.startsWith("?<=", question)
                        && !pattern.startsWith("?<!", question));
    }
}
