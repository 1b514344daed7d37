package dev.floe.sink.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.sink.FileFormat;
import dev.floe.sink.FileNaming;
import dev.floe.sink.NamingStrategy;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FileKeysTest {
    private static final Instant ROLL = Instant.parse("2026-04-01T12:00:00.123Z");
    private static final List<String> DAYS = List.of("year=2026/month=03/day=31", "year=2026/month=04/day=01");

    private static FileKeys keys(FileFormat format, String path, NamingStrategy strategy) {
        return keys(format, path, new FileNaming("", "", strategy));
    }

    private static FileKeys keys(FileFormat format, String path, FileNaming naming) {
        return new FileKeys(SinkFilesTesting.sink(format, path, "year=%Y/month=%m/day=%d", naming), new Random(7));
    }

    private static String name(String key) {
        return key.substring(key.lastIndexOf('/') + 1);
    }

    @Test
    void serialNamesAreCloudflaresFiveDigitsAndTaskZeroOneNumberPerFile() {
        FileKeys keys = keys(FileFormat.DEFAULT_PARQUET, "events", NamingStrategy.SERIAL);

        assertThat(keys.keys(DAYS, 0, ROLL)).containsExactly(
                "events/year=2026/month=03/day=31/00000-000.parquet",
                "events/year=2026/month=04/day=01/00001-000.parquet");
        assertThat(keys.keys(List.of("p"), 41, ROLL)).containsExactly("events/p/00041-000.parquet");
        assertThat(keys.keys(List.of("p", "q"), 99_999, ROLL))
                .containsExactly("events/p/99999-000.parquet", "events/q/100000-000.parquet");
    }

    @Test
    void serialNamesSortInWriteOrderUpToTheirFiveDigits() {
        FileKeys keys = keys(FileFormat.DEFAULT_JSON, "", NamingStrategy.SERIAL);
        List<String> names = List.of(keys.keys(List.of(""), 9, ROLL).getFirst(), keys.keys(List.of(""), 10, ROLL).getFirst(),
                keys.keys(List.of(""), 11_000, ROLL).getFirst());

        assertThat(names).containsExactly("00009-000.json", "00010-000.json", "11000-000.json").isSorted();
    }

    @Test
    void uuidNamesAreRandomVersion4() {
        List<String> keys = keys(FileFormat.DEFAULT_PARQUET, "", NamingStrategy.UUID).keys(DAYS, 0, ROLL);

        List<UUID> uuids = keys.stream().map(key -> UUID.fromString(name(key).replace(".parquet", ""))).toList();
        assertThat(uuids).allSatisfy(uuid -> {
            assertThat(uuid.version()).isEqualTo(4);
            assertThat(uuid.variant()).isEqualTo(2);
        });
        assertThat(uuids.get(0)).isNotEqualTo(uuids.get(1));
    }

    @Test
    void uuidV7NamesCarryTheRollTimeAndSortByIt() {
        FileKeys keys = keys(FileFormat.DEFAULT_PARQUET, "", NamingStrategy.UUID_V7);
        String earlier = name(keys.keys(List.of(""), 0, ROLL).getFirst());
        String later = name(keys.keys(List.of(""), 1, ROLL.plusMillis(1)).getFirst());
        String muchLater = name(keys.keys(List.of(""), 2, ROLL.plusSeconds(86_400 * 400L)).getFirst());

        UUID uuid = UUID.fromString(earlier.replace(".parquet", ""));
        assertThat(uuid.version()).isEqualTo(7);
        assertThat(uuid.variant()).isEqualTo(2);
        assertThat(uuid.getMostSignificantBits() >>> 16).isEqualTo(ROLL.toEpochMilli());
        assertThat(List.of(earlier, later, muchLater)).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void ulidNamesCarryTheRollTimeInCrockfordBase32AndSortByIt() {
        FileKeys keys = keys(FileFormat.DEFAULT_PARQUET, "", NamingStrategy.ULID);
        // the time of the ULID specification's example, 01ARYZ6S41…
        String example = name(keys.keys(List.of(""), 0, Instant.ofEpochMilli(1_469_918_176_385L)).getFirst());
        String earlier = name(keys.keys(List.of(""), 0, ROLL).getFirst());
        String later = name(keys.keys(List.of(""), 1, ROLL.plusMillis(1)).getFirst());
        String muchLater = name(keys.keys(List.of(""), 2, ROLL.plusSeconds(86_400 * 400L)).getFirst());

        assertThat(example).startsWith("01ARYZ6S41").hasSize(26 + ".parquet".length());
        assertThat(List.of(example, earlier, later, muchLater))
                .allSatisfy(name -> assertThat(name).matches("[0-7][0-9A-HJKMNP-TV-Z]{25}\\.parquet"))
                .isSorted()
                .doesNotHaveDuplicates();
    }

    @Test
    void prefixAndSuffixSurroundTheNameAndAnEmptySuffixIsTheFormats() {
        FileNaming named = new FileNaming("part-", ".ndjson", NamingStrategy.SERIAL);

        assertThat(keys(FileFormat.DEFAULT_JSON, "logs", named).keys(List.of("d"), 3, ROLL))
                .containsExactly("logs/d/part-00003-000.ndjson");
        assertThat(keys(FileFormat.DEFAULT_JSON, "", NamingStrategy.SERIAL).keys(List.of("d"), 0, ROLL))
                .containsExactly("d/00000-000.json");
        assertThat(keys(new FileFormat(FileFormat.JSON, "gzip", 0), "", NamingStrategy.SERIAL).keys(List.of("d"), 0, ROLL))
                .containsExactly("d/00000-000.json.gz");
        assertThat(keys(new FileFormat(FileFormat.PARQUET, "snappy", 1 << 20), "", NamingStrategy.SERIAL)
                .keys(List.of("d"), 0, ROLL))
                .containsExactly("d/00000-000.parquet");
    }

    @Test
    void emptyPathsAndPartitionsLeaveNoEmptySegments() {
        FileKeys atRoot = keys(FileFormat.DEFAULT_PARQUET, "", NamingStrategy.SERIAL);
        FileKeys nested = keys(FileFormat.DEFAULT_PARQUET, "a/b", NamingStrategy.SERIAL);

        assertThat(atRoot.keys(List.of("", "x//y/"), 0, ROLL)).containsExactly("00000-000.parquet", "x/y/00001-000.parquet");
        assertThat(nested.keys(List.of("", "day=01"), 0, ROLL))
                .containsExactly("a/b/00000-000.parquet", "a/b/day=01/00001-000.parquet");
    }
}
