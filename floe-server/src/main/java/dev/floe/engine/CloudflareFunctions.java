package dev.floe.engine;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.duckdb.DuckDBColumnType;
import org.duckdb.DuckDBFunctions;

/**
 * The functions of Cloudflare Pipelines SQL (DataFusion's, through Arroyo) that DuckDB lacks or means
 * differently, installed in DuckDB as macros under Cloudflare's names. A macro in the database's
 * {@code main} schema shadows DuckDB's built-in of the same name; where a macro needs that built-in it
 * calls it as {@code system.main.<name>}.
 *
 * <p>Functions DuckDB already has with Cloudflare's meaning are not listed (among them {@code nullif},
 * {@code coalesce}, {@code strpos}, {@code split_part}, {@code regexp_replace} with its {@code g}
 * flag, {@code date_trunc}, {@code date_part}, {@code extract}, {@code array_length},
 * {@code array_has}, {@code array_append}, {@code array_to_string}, {@code md5}, the {@code ->} and
 * {@code ->>} operators). What no macro can express is rewritten by the pipeline compiler:
 * {@link #REWRITTEN} lists it, with the helper macros the rewrites call. DuckDB binds a macro's body
 * when it is created, so helpers are created before the macros that call them.
 *
 * <p>JSON paths of the {@code json_get} family take up to {@value #MAX_JSON_PATH} keys, and
 * {@code struct}, {@code make_array} and {@code make_list} up to {@value #MAX_ARGUMENTS} arguments.
 */
public final class CloudflareFunctions {
    /** The most keys a {@code json_get}-family path may have (one macro overload per length). */
    public static final int MAX_JSON_PATH = 8;
    /** The most arguments {@code struct}, {@code make_array} and {@code make_list} take (macros have no varargs). */
    public static final int MAX_ARGUMENTS = 16;

    /**
     * Functions the pipeline compiler rewrites, because their result's type or names depend on the
     * value of a literal argument, or because their value is fixed when the pipeline starts:
     * <ul>
     * <li>{@code regexp_match(s, pattern[, flags])}: the capture groups of the first match as a list
     *     (the whole match when the pattern has no group), null when nothing matches. DuckDB extracts
     *     one group per call, with the group number a constant; the compiler counts the groups of the
     *     literal pattern and calls {@value #REGEXP_GROUPS} with one {@code regexp_extract} per group.
     * <li>{@code named_struct('a', x, 'b', y)}: becomes {@code struct_pack(a := x, b := y)}.
     * <li>{@code extract_json(json, path)} and {@code extract_json_string(json, path)} with a JSONPath:
     *     the list of matches as JSON texts, and the first match as text. DuckDB returns a list only for
     *     paths with wildcards; the compiler picks {@value #EXTRACT_JSON_MANY} or
     *     {@value #EXTRACT_JSON_ONE} (and the {@code _STRING} pair) by the literal path.
     * <li>{@code now()}, {@code current_timestamp}, {@code current_date}, {@code today()}: the time the
     *     pipeline started, the same for every batch, as a literal.
     * </ul>
     */
    public static final List<String> REWRITTEN = List.of(
            "regexp_match", "named_struct", "extract_json", "extract_json_string",
            "now", "current_timestamp", "current_date", "today");

    public static final String REGEXP_GROUPS = "floe_regexp_groups";
    public static final String EXTRACT_JSON_MANY = "floe_extract_json_many";
    public static final String EXTRACT_JSON_ONE = "floe_extract_json_one";
    public static final String EXTRACT_JSON_STRING_MANY = "floe_extract_json_string_many";
    public static final String EXTRACT_JSON_STRING_ONE = "floe_extract_json_string_one";

    /**
     * The JSON functions that read the value at a path of keys, each as a body over {@code v}, that
     * value: the macro of each parses the document, takes the value and applies its body to it. Every
     * JSON function parses the whole document it is given and a macro cannot bind a value to a name;
     * a one-element list and a lambda can, so the document is parsed once and only the small value
     * again. A pipeline's SELECT that calls several of them on one column parses it once for all of
     * them and calls {@link #valueFunction} on each value instead.
     */
    private static final Map<String, String> VALUE_BODIES = valueBodies();

    /** The Java function behind the SHA-2 digests DuckDB lacks: (algorithm, hex of bytes) to hex of digest. */
    private static final String DIGEST_HEX = "floe_digest_hex";
    /** A call in a macro's body: a name and its parenthesis, not qualified (system.main.x is a built-in). */
    private static final Pattern CALL = Pattern.compile("(?<![.\\w\"])([A-Za-z_][A-Za-z0-9_]*)\\s*\\(");

    private CloudflareFunctions() {}

    /** Installs the functions on a connection; its database keeps them for every connection. */
    public static void install(Connection connection) throws SQLException {
        registerDigest(connection);
        try (Statement statement = connection.createStatement()) {
            for (String definition : definitions()) {
                statement.execute(definition);
            }
        }
    }

    /**
     * Installs only the functions of {@code called} (lower-case names) and those their bodies call in
     * turn: creating every macro takes a new database 100 to 200 ms, more than a small query runs.
     */
    public static void install(Connection connection, Set<String> called) throws SQLException {
        List<String> definitions = definitions();
        Map<String, String> bodies = new HashMap<>();
        for (String definition : definitions) {
            bodies.merge(name(definition), definition, (first, second) -> first + " " + second);
        }
        bodies.put(DIGEST_HEX, "");
        Set<String> needed = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>(called);
        while (!pending.isEmpty()) {
            String name = pending.pop();
            if (bodies.containsKey(name) && needed.add(name)) {
                Matcher calls = CALL.matcher(bodies.get(name));
                while (calls.find()) {
                    pending.push(calls.group(1).toLowerCase(Locale.ROOT));
                }
            }
        }
        if (needed.contains(DIGEST_HEX)) {
            registerDigest(connection);
        }
        try (Statement statement = connection.createStatement()) {
            for (String definition : definitions) {
                if (needed.contains(name(definition))) {
                    statement.execute(definition);
                }
            }
        }
    }

    /** The name a {@code CREATE MACRO} defines, lower case, without quotes. */
    private static String name(String definition) {
        String rest = definition.substring("CREATE MACRO ".length());
        String name = rest.startsWith("\"") ? rest.substring(1, rest.indexOf('"', 1)) : rest.substring(0, rest.indexOf('('));
        return name.toLowerCase(Locale.ROOT);
    }

    private static List<String> definitions() {
        List<String> all = new ArrayList<>();
        math(all);
        conditional(all);
        string(all);
        binary(all);
        regex(all);
        json(all);
        time(all);
        array(all);
        struct(all);
        hashing(all);
        return all;
    }

    private static void math(List<String> all) {
        // nanvl(x, y): y when x is NaN, else x.
        all.add(macro("nanvl(x, y)", "CASE WHEN isnan(x) THEN y ELSE x END"));
        // iszero(x): whether x is zero (DuckDB has no such function).
        all.add(macro("iszero(x)", "x = 0"));
        // signum(x): -1, 0 or 1 as a float, as DataFusion returns it; DuckDB calls it sign.
        all.add(macro("signum(x)", "CAST(sign(x) AS DOUBLE)"));
    }

    private static void conditional(List<String> all) {
        // nvl(a, b): a unless null, then b (coalesce of two).
        all.add(macro("nvl(a, b)", "coalesce(a, b)"));
        // nvl2(a, b, c): b when a is not null, else c.
        all.add(macro("nvl2(a, b, c)", "CASE WHEN a IS NOT NULL THEN b ELSE c END"));
    }

    private static void string(List<String> all) {
        // btrim(s[, chars]): trims both ends, of spaces or of the given characters.
        all.add(overloads("btrim", "(s) AS trim(s)", "(s, chars) AS trim(s, chars)"));
        // initcap(s): the first letter of every word upper case, the others lower case; words are
        // runs of letters and digits.
        all.add(macro("initcap(s)", "array_to_string(list_transform(range(1, length(s) + 1), lambda i: "
                + "CASE WHEN i = 1 OR NOT regexp_full_match(substring(s, i - 1, 1), '[[:alnum:]]') "
                + "THEN upper(substring(s, i, 1)) ELSE lower(substring(s, i, 1)) END), '')"));
        // to_hex(n): lower-case hex, where DuckDB's is upper case; negatives in two's complement in both.
        all.add(macro("to_hex(n)", "lower(system.main.to_hex(n))"));
        // uuid(): a random UUID as a string; DuckDB's returns its UUID type.
        all.add(macro("uuid()", "CAST(system.main.uuid() AS VARCHAR)"));
        // substr_index(s, delimiter, count): what precedes the count-th delimiter (from the end when
        // count is negative); '' when count is 0.
        String substrIndex = "CASE WHEN count > 0 THEN array_to_string(string_split(s, delimiter)[1:count], delimiter) "
                + "WHEN count < 0 THEN array_to_string(string_split(s, delimiter)[count:], delimiter) ELSE '' END";
        all.add(macro("substr_index(s, delimiter, count)", substrIndex));
        all.add(macro("substring_index(s, delimiter, count)", substrIndex));
        // find_in_set(s, list): 1-based position of s in a comma-separated list, 0 when absent.
        all.add(macro("find_in_set(s, list)", "coalesce(list_position(string_split(list, ','), s), 0)"));
    }

    private static void binary(List<String> all) {
        // The bytes of text (its UTF-8) or of binary, so that hashes and encodings take either.
        all.add(macro("floe_bytes(x)", "CASE WHEN typeof(x) = 'BLOB' THEN CAST(x AS BLOB) ELSE system.main.encode(CAST(x AS VARCHAR)) END"));
        // encode(bytes, 'base64' | 'hex') gives text; decode(text, 'base64' | 'hex') gives bytes. DuckDB's
        // one-argument encode/decode convert between text and its UTF-8 bytes instead.
        all.add(macro("encode(x, format)", "CASE lower(format) WHEN 'base64' THEN to_base64(floe_bytes(x)) "
                + "WHEN 'hex' THEN lower(hex(floe_bytes(x))) "
                + "ELSE error('encode: unknown format ''' || format || ''', use base64 or hex') END"));
        all.add(macro("decode(s, format)", "CASE lower(format) WHEN 'base64' THEN from_base64(s) "
                + "WHEN 'hex' THEN unhex(s) ELSE error('decode: unknown format ''' || format || ''', use base64 or hex') END"));
    }

    private static void regex(List<String> all) {
        // regexp_like(s, pattern[, flags]): whether the pattern matches anywhere in s.
        all.add(overloads("regexp_like", "(s, pattern) AS regexp_matches(s, pattern)",
                "(s, pattern, flags) AS regexp_matches(s, pattern, flags)"));
        // regexp_count(s, pattern[, start[, flags]]): the number of matches, from the 1-based start.
        all.add(overloads("regexp_count", "(s, pattern) AS length(regexp_extract_all(s, pattern))",
                "(s, pattern, start) AS length(regexp_extract_all(substring(s, start), pattern))",
                "(s, pattern, start, flags) AS length(regexp_extract_all(substring(s, start), pattern, 0, flags))"));
        // regexp_match (rewritten): the groups, given as a list of regexp_extract calls, when it matches.
        all.add(overloads(REGEXP_GROUPS, "(s, pattern, groups) AS CASE WHEN regexp_matches(s, pattern) THEN groups END",
                "(s, pattern, flags, groups) AS CASE WHEN regexp_matches(s, pattern, flags) THEN groups END"));
    }

    /** Whether {@code name} is one of the JSON functions that read the value at a path of keys. */
    public static boolean readsValueAtPath(String name) {
        return VALUE_BODIES.containsKey(name);
    }

    /**
     * The macro that gives what {@code name}, a function for which {@link #readsValueAtPath} holds,
     * gives for the JSON value at its path, from that value.
     */
    public static String valueFunction(String name) {
        return "floe_" + name + "_of_value";
    }

    /** The JSON Pointer (RFC 6901) of a path of keys, as {@code floe_json_key} spells each key. */
    public static String jsonPointer(List<String> keys) {
        StringBuilder pointer = new StringBuilder();
        for (String key : keys) {
            pointer.append('/').append(key.replace("~", "~0").replace("/", "~1"));
        }
        return pointer.toString();
    }

    private static Map<String, String> valueBodies() {
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("json_get", "v");
        bodies.put("json_get_json", "CAST(v AS VARCHAR)");
        bodies.put("json_get_str", "CASE WHEN json_type(v) = 'VARCHAR' THEN json_extract_string(v, '$') END");
        bodies.put("json_get_int", "CASE WHEN json_type(v) IN ('BIGINT', 'UBIGINT') THEN TRY_CAST(v AS BIGINT) END");
        bodies.put("json_get_float", "CASE WHEN json_type(v) IN ('DOUBLE', 'BIGINT', 'UBIGINT') THEN CAST(v AS DOUBLE) END");
        bodies.put("json_get_bool", "CASE WHEN json_type(v) = 'BOOLEAN' THEN CAST(v AS BOOLEAN) END");
        // json_as_text: strings without quotes, other values as JSON text, JSON null as null.
        bodies.put("json_as_text", "CASE json_type(v) WHEN 'VARCHAR' THEN json_extract_string(v, '$') "
                + "WHEN 'NULL' THEN NULL ELSE CAST(v AS VARCHAR) END");
        // json_length: the number of elements of an array or members of an object.
        bodies.put("json_length", "CASE json_type(v) WHEN 'ARRAY' THEN CAST(json_array_length(v) AS BIGINT) "
                + "WHEN 'OBJECT' THEN CAST(length(json_keys(v)) AS BIGINT) END");
        return Collections.unmodifiableMap(bodies);
    }

    /**
     * The JSON functions of datafusion-functions-json, over JSON or text holding JSON. A path is a list
     * of keys: strings select object members, integers array elements (from 0). A missing value, a
     * value of another type than the function returns, and text that is not JSON all give null.
     * {@code json_get} returns DuckDB's JSON type where Cloudflare returns a union of the native types:
     * cast it ({@code ::int}) or use the typed functions or {@code ->>} to compare it with a string.
     */
    private static void json(List<String> all) {
        // A path key in JSON Pointer form (RFC 6901), which serves object keys and array indexes alike.
        all.add(macro("floe_json_key(k)", "replace(replace(CAST(k AS VARCHAR), '~', '~0'), '/', '~1')"));
        // Text that is not JSON gives null rather than failing the row, as in Cloudflare.
        all.add(macro("floe_json_valid(j)", "typeof(j) = 'JSON' OR json_valid(j)"));
        VALUE_BODIES.forEach((name, body) -> all.add(macro(valueFunction(name) + "(v)", body)));
        jsonFamily(all, "json_get", 0, "json_extract(j, PATH)");
        jsonFamily(all, "json_get_json", 0, "CAST(json_extract(j, PATH) AS VARCHAR)");
        for (String name : List.of("json_get_str", "json_get_int", "json_get_float", "json_get_bool", "json_as_text",
                "json_length")) {
            jsonFamily(all, name, 0, "list_transform([json_extract(j, PATH)], lambda v: " + valueFunction(name) + "(v))[1]");
        }
        // json_contains(j, keys...): whether the path exists; DuckDB's json_contains tests containment.
        jsonFamily(all, "json_contains", 1, "json_exists(j, PATH)");
        // The ? operator (json ? 'key'), which the compiler spells <~> because DuckDB reads ? as a parameter.
        all.add("CREATE MACRO \"<~>\"(j, key) AS json_contains(j, key)");
        // extract_json / extract_json_string (rewritten): JSONPath matches as a list, and the first as text.
        all.add(macro(EXTRACT_JSON_MANY + "(j, path)", "CAST(json_extract(j, path) AS VARCHAR[])"));
        all.add(macro(EXTRACT_JSON_ONE + "(j, path)",
                "CASE WHEN json_exists(j, path) THEN [CAST(json_extract(j, path) AS VARCHAR)] ELSE [] END"));
        all.add(macro(EXTRACT_JSON_STRING_MANY + "(j, path)", "json_extract_string(j, path)[1]"));
        all.add(macro(EXTRACT_JSON_STRING_ONE + "(j, path)", "json_extract_string(j, path)"));
    }

    private static void jsonFamily(List<String> all, String name, int minimumKeys, String body) {
        List<String> overloads = new ArrayList<>();
        for (int keys = minimumKeys; keys <= MAX_JSON_PATH; keys++) {
            StringJoiner parameters = new StringJoiner(", ", "(", ")");
            parameters.add("j");
            StringJoiner path = new StringJoiner(" || ");
            for (int k = 1; k <= keys; k++) {
                parameters.add("k" + k);
                path.add("'/' || floe_json_key(k" + k + ")");
            }
            String pathExpression = keys == 0 ? "'$'" : "(" + path + ")";
            overloads.add(parameters + " AS CASE WHEN floe_json_valid(j) THEN "
                    + body.replace("PATH", pathExpression) + " END");
        }
        all.add(overloads(name, overloads.toArray(String[]::new)));
    }

    /** Timestamps are {@code TIMESTAMP WITH TIME ZONE}, evaluated in UTC (see {@link DuckDbTypes}). */
    private static void time(List<String> all) {
        // chrono's %f is nanoseconds and %.3f/%.6f/%.9f a dot and a fixed number of digits; DuckDB has
        // %g (milliseconds), %f (microseconds) and %n. %f is replaced first: the dotted forms do not
        // contain it. Composite specifiers are spelled out. Values have microseconds, no more.
        all.add(macro("floe_strftime_format(format)", "replace(replace(replace(replace(replace(replace(replace(replace("
                + "replace(replace(replace(format, '%f', '%n'), '%.3f', '.%g'), '%.6f', '.%f'), '%.9f', '.%n'), "
                + "'%.f', '.%f'), '%F', '%Y-%m-%d'), '%T', '%H:%M:%S'), '%D', '%m/%d/%y'), '%R', '%H:%M'), "
                + "'%e', '%-d'), '%:z', '%z')"));
        // An instant from text (RFC 3339), a date or timestamp, or else from a count given by fromCount.
        all.add(macro("floe_instant(x, fromCount)", "CASE WHEN typeof(x) = 'VARCHAR' "
                + "THEN CAST(upper(CAST(x AS VARCHAR)) AS TIMESTAMP WITH TIME ZONE) "
                + "WHEN typeof(x) LIKE 'TIMESTAMP%' OR typeof(x) = 'DATE' THEN CAST(CAST(x AS VARCHAR) AS TIMESTAMP WITH TIME ZONE) "
                + "ELSE CAST(fromCount AS TIMESTAMP WITH TIME ZONE) END"));
        // to_timestamp(x): numbers count seconds (with a fraction), text is RFC 3339. (Cloudflare also
        // takes chrono formats to parse text with; DuckDB's strptime needs a format known when the
        // macro is created, so that form is not offered.)
        String seconds = "system.main.to_timestamp(CAST(CAST(x AS VARCHAR) AS DOUBLE))";
        all.add(macro("to_timestamp(x)", "floe_instant(x, " + seconds + ")"));
        all.add(macro("to_timestamp_seconds(x)", "floe_instant(x, " + seconds + ")"));
        all.add(macro("from_unixtime(x)", "floe_instant(x, " + seconds + ")"));
        all.add(macro("to_timestamp_millis(x)", "floe_instant(x, make_timestamp(CAST(CAST(x AS VARCHAR) AS BIGINT) * 1000))"));
        all.add(macro("to_timestamp_micros(x)", "floe_instant(x, make_timestamp(CAST(CAST(x AS VARCHAR) AS BIGINT)))"));
        all.add(macro("to_timestamp_nanos(x)", "floe_instant(x, make_timestamp_ns(CAST(CAST(x AS VARCHAR) AS BIGINT)))"));
        // to_unixtime(x): whole seconds since the epoch.
        all.add(macro("to_unixtime(x)", "CAST(floor(epoch(to_timestamp(x))) AS BIGINT)"));
        // date_bin(interval, ts[, origin]): the start of the interval-wide bin holding ts, bins counted
        // from origin, by default the Unix epoch (DuckDB's time_bucket counts from 2000-01-03).
        all.add(overloads("date_bin",
                "(width, ts) AS time_bucket(width, CAST(ts AS TIMESTAMP WITH TIME ZONE), TIMESTAMPTZ '1970-01-01 00:00:00+00')",
                "(width, ts, origin) AS time_bucket(width, CAST(ts AS TIMESTAMP WITH TIME ZONE), CAST(origin AS TIMESTAMP WITH TIME ZONE))"));
        // to_char(ts, format) and its alias date_format: chrono's strftime specifiers, mapped onto DuckDB's.
        all.add(macro("to_char(ts, format)", "strftime(ts, floe_strftime_format(format))"));
        all.add(macro("date_format(ts, format)", "strftime(ts, floe_strftime_format(format))"));
    }

    private static void array(List<String> all) {
        // make_array / make_list: a list of the arguments.
        all.add(overloads("make_array", withArguments(0, "list_value(", ")", "v%d", "v%d")));
        all.add(overloads("make_list", withArguments(0, "list_value(", ")", "v%d", "v%d")));
        // array_element(list, i): the element at 1-based i, null past the end.
        all.add(macro("array_element(l, i)", "list_extract(l, i)"));
        // cardinality(list): the number of elements (DuckDB's is for maps).
        all.add(macro("cardinality(l)", "CAST(length(l) AS BIGINT)"));
        // array_empty(list) and empty(list): whether it has no element.
        all.add(macro("array_empty(l)", "length(l) = 0"));
        all.add(macro("empty(l)", "length(l) = 0"));
        // array_remove(list, x): without the first element equal to x; array_remove_all: without any.
        all.add(macro("array_remove(l, x)", "CASE WHEN list_position(l, x) IS NULL THEN l "
                + "ELSE list_concat(l[:list_position(l, x) - 1], l[list_position(l, x) + 1:]) END"));
        all.add(macro("array_remove_all(l, x)", "list_filter(l, lambda e: e IS DISTINCT FROM x)"));
        // array_replace(list, from, to): the first element equal to from replaced by to.
        all.add(macro("array_replace(l, old, new)", "CASE WHEN list_position(l, old) IS NULL THEN l "
                + "ELSE list_concat(l[:list_position(l, old) - 1], [new], l[list_position(l, old) + 1:]) END"));
        // array_positions(list, x): every 1-based position holding x.
        all.add(macro("array_positions(l, x)", "list_filter(range(1, length(l) + 1), lambda i: l[i] = x)"));
        // array_except(a, b): the elements of a not in b; array_union(a, b): the distinct elements of both.
        all.add(macro("array_except(a, b)", "list_filter(a, lambda e: NOT list_contains(b, e))"));
        all.add(macro("array_union(a, b)", "list_distinct(list_concat(a, b))"));
        // array_repeat(x, n): a list of n copies of x.
        all.add(macro("array_repeat(x, n)", "list_transform(range(n), lambda i: x)"));
    }

    private static void struct(List<String> all) {
        // struct(a, b, ...): a struct whose fields are named c0, c1, ...
        all.add(overloads("struct", withArguments(1, "struct_pack(", ")", "v%d", "c%d := v%d")));
        // get_field(struct, 'name'): the named field.
        all.add(macro("get_field(s, name)", "struct_extract(s, name)"));
    }

    /** md5 is DuckDB's (a hex string in both); the SHA-2 functions and digest return bytes. */
    private static void hashing(List<String> all) {
        all.add(macro("floe_digest(x, algorithm)", "unhex(" + DIGEST_HEX + "(algorithm, hex(floe_bytes(x))))"));
        all.add(macro("sha224(x)", "floe_digest(x, 'SHA-224')"));
        all.add(macro("sha256(x)", "floe_digest(x, 'SHA-256')"));
        all.add(macro("sha384(x)", "floe_digest(x, 'SHA-384')"));
        all.add(macro("sha512(x)", "floe_digest(x, 'SHA-512')"));
        // digest(x, algorithm): md5 or a SHA-2 algorithm named as Cloudflare names them (sha256).
        all.add(macro("digest(x, algorithm)", "CASE lower(algorithm) WHEN 'md5' THEN unhex(md5(floe_bytes(x))) "
                + "WHEN 'sha224' THEN sha224(x) WHEN 'sha256' THEN sha256(x) WHEN 'sha384' THEN sha384(x) "
                + "WHEN 'sha512' THEN sha512(x) "
                + "ELSE error('digest: unsupported algorithm ''' || algorithm || ''', use md5, sha224, sha256, sha384 or sha512') END"));
    }

    private static void registerDigest(Connection connection) throws SQLException {
        try (var builder = DuckDBFunctions.scalarFunction()) {
            builder.withName(DIGEST_HEX)
                    .withParameters(DuckDBColumnType.VARCHAR, DuckDBColumnType.VARCHAR)
                    .withReturnType(DuckDBColumnType.VARCHAR)
                    .withFunction(CloudflareFunctions::digestHex)
                    .withNullInNullOut()
                    .register(connection);
        }
    }

    /** DuckDB's Java functions take text, not bytes: the bytes travel as hex both ways. */
    private static String digestHex(String algorithm, String bytesHex) {
        try {
            MessageDigest digest = MessageDigest.getInstance(algorithm.toUpperCase(Locale.ROOT));
            return HexFormat.of().formatHex(digest.digest(HexFormat.of().parseHex(bytesHex)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalArgumentException("unknown digest algorithm " + algorithm, e);
        }
    }

    /**
     * One overload per argument count, from {@code minimum} to {@value #MAX_ARGUMENTS}: parameters
     * named by {@code parameter} and the body's arguments by {@code argument}, both formatted with
     * the argument's index.
     */
    private static String[] withArguments(int minimum, String open, String close, String parameter, String argument) {
        List<String> overloads = new ArrayList<>();
        for (int count = minimum; count <= MAX_ARGUMENTS; count++) {
            StringJoiner parameters = new StringJoiner(", ", "(", ")");
            StringJoiner arguments = new StringJoiner(", ", open, close);
            for (int i = 0; i < count; i++) {
                parameters.add(parameter.formatted(i));
                arguments.add(argument.formatted(i, i));
            }
            overloads.add(parameters + " AS " + arguments);
        }
        return overloads.toArray(String[]::new);
    }

    private static String macro(String signature, String body) {
        return "CREATE MACRO " + signature + " AS " + body;
    }

    private static String overloads(String name, String... parametersAndBodies) {
        return "CREATE MACRO " + name + String.join(", ", parametersAndBodies);
    }
}
