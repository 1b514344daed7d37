package dev.floe.engine;

import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.RowGroup;

/**
 * One Parquet file made of whole Parquet files of one schema written one after another: each file's
 * body (its column chunks and whatever else lies between its magic and its footer: bloom filters,
 * page indexes) is copied byte for byte by the kernel, and the footer lists every file's row groups
 * with their offsets moved to where their bytes now are. Nothing is decoded, so a file written in
 * parts while its rows arrive costs at its end no more than a copy of its bytes.
 */
public final class ParquetConcatenation implements Closeable {
    private final Path output;
    private final ParquetFileOutput out;
    private FileMetaData footer;

    private ParquetConcatenation(Path output, ParquetFileOutput out) {
        this.output = output;
        this.out = out;
    }

    /** Starts {@code output}, which must not exist yet. */
    public static ParquetConcatenation create(Path output) throws IOException {
        return new ParquetConcatenation(output, ParquetFileOutput.create(output));
    }

    /**
     * Appends every row group of {@code file}, unless its schema or writer differs from those of the
     * files appended before: DuckDB makes a column it knows to hold no null {@code REQUIRED}, whose
     * pages then have no definition levels, so such a file's pages cannot join the others'.
     *
     * @return whether it appended the file; when not, the file being written is as it was
     * @throws FloeException {@code INTERNAL} when the file is not Parquet or its chunks cannot be moved
     */
    public boolean append(Path file) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            ParquetFooter part = ParquetFooter.read(in, file);
            FileMetaData metadata = part.metadata();
            if (metadata.isSetEncryption_algorithm()) {
                throw new FloeException(ErrorCode.INTERNAL, file + " is encrypted and cannot be joined to " + output);
            }
            if (footer == null) {
                footer = metadata.deepCopy();
                footer.setRow_groups(new ArrayList<>());
                footer.setNum_rows(0);
            } else if (!footer.getSchema().equals(metadata.getSchema())
                    || !Objects.equals(footer.getCreated_by(), metadata.getCreated_by())) {
                return false;
            }
            long shift = out.position() - ParquetFooter.MAGIC.length;
            List<RowGroup> moved = new ArrayList<>();
            for (RowGroup rowGroup : metadata.getRow_groups()) {
                moved.add(moved(rowGroup, shift, footer.getRow_groupsSize() + moved.size()));
            }
            out.transfer(in, ParquetFooter.MAGIC.length, part.start() - ParquetFooter.MAGIC.length);
            moved.forEach(footer::addToRow_groups);
            footer.setNum_rows(footer.getNum_rows() + metadata.getNum_rows());
            return true;
        }
    }

    /** A row group's footer entry for its bytes moved by {@code shift}, as the {@code ordinal}-th of the file. */
    private static RowGroup moved(RowGroup rowGroup, long shift, int ordinal) {
        RowGroup moved = rowGroup.deepCopy();
        if (moved.isSetOrdinal()) {
            moved.setOrdinal((short) ordinal);
        }
        if (moved.isSetFile_offset()) {
            moved.setFile_offset(moved.getFile_offset() + shift);
        }
        for (ColumnChunk chunk : moved.getColumns()) {
            if (!chunk.isSetMeta_data() || chunk.isSetFile_path()) {
                throw new FloeException(ErrorCode.INTERNAL, "a column chunk lies outside its file; the file cannot be joined");
            }
            ParquetFileOutput.movePages(chunk, shift);
            if (chunk.isSetOffset_index_offset()) {
                chunk.setOffset_index_offset(chunk.getOffset_index_offset() + shift);
            }
            if (chunk.isSetColumn_index_offset()) {
                chunk.setColumn_index_offset(chunk.getColumn_index_offset() + shift);
            }
            ColumnMetaData column = chunk.getMeta_data();
            if (column.isSetBloom_filter_offset()) {
                column.setBloom_filter_offset(column.getBloom_filter_offset() + shift);
            }
        }
        return moved;
    }

    /** The rows appended so far. */
    public long rows() {
        return footer == null ? 0 : footer.getNum_rows();
    }

    /**
     * Writes the footer: the file is complete.
     *
     * @throws IllegalStateException when no file was appended, since the schema comes from them
     */
    public void finish() throws IOException {
        if (footer == null) {
            throw new IllegalStateException("no file was appended to " + output);
        }
        out.finish(footer);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
