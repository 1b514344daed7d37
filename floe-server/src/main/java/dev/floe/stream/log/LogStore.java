package dev.floe.stream.log;

import java.util.Set;

/**
 * Where stream logs live: the local disk by default, a Kafka cluster when one machine is not enough.
 * One log per stream id.
 */
public interface LogStore extends AutoCloseable {

    /** Opens the log of a stream, creating it empty when it does not exist, and recovering it otherwise. */
    StreamLog open(String streamId);

    /** The ids of every stream that has a log here, open or not. */
    Set<String> streamIds();

    /** Closes the log of a stream if it is open and deletes everything it holds. */
    void delete(String streamId);

    /** Closes every open log; acknowledged records stay durable. */
    @Override
    void close();
}
