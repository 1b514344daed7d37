package dev.floe.objects.internal.outbox;

import com.fasterxml.jackson.databind.util.RawValue;
import dev.floe.client.FloeClient;
import dev.floe.client.ProducerBatch;
import dev.floe.client.SendResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends the rows of many objects in as few requests as possible: one per stream, each carrying every
 * object's rows for that stream as one producer batch (split when it would grow past
 * {@value #MAX_REQUEST_PAYLOAD_BYTES} bytes of rows). A request costs the relay and the server far more
 * than a row, so the more objects share one, the cheaper each row.
 *
 * @param <T> what a delivery belongs to, handed back with its outcome
 */
final class StreamRequests<T> {
    /** Rows past this in one request go into the next, so that a request stays well under the server's size limit. */
    static final long MAX_REQUEST_PAYLOAD_BYTES = 1 << 20;

    /** One object's next rows of one binding, numbered from {@code firstSequence} for its producer. */
    record Delivery<T>(T owner, String binding, String stream, String producerId, long firstSequence,
                       List<Outbox.Row> rows) {
        long payloadBytes() {
            long bytes = 0;
            for (Outbox.Row row : rows) {
                bytes += row.payload().length();
            }
            return bytes;
        }
    }

    /** What became of each delivery. */
    interface Outcome<T> {
        void acknowledged(Delivery<T> delivery, SendResult result);

        /** The request that carried {@code deliveries} failed; any of them may have been written. */
        void failed(String stream, List<Delivery<T>> deliveries, RuntimeException error);
    }

    private final FloeClient floe;

    StreamRequests(FloeClient floe) {
        this.floe = floe;
    }

    void send(List<Delivery<T>> deliveries, Outcome<T> outcome) {
        Map<String, List<Delivery<T>>> byStream = new LinkedHashMap<>();
        for (Delivery<T> delivery : deliveries) {
            byStream.computeIfAbsent(delivery.stream(), stream -> new ArrayList<>()).add(delivery);
        }
        byStream.forEach((stream, ofStream) -> {
            List<Delivery<T>> request = new ArrayList<>();
            long bytes = 0;
            for (Delivery<T> delivery : ofStream) {
                if (!request.isEmpty() && bytes + delivery.payloadBytes() > MAX_REQUEST_PAYLOAD_BYTES) {
                    send(stream, request, outcome);
                    request = new ArrayList<>();
                    bytes = 0;
                }
                request.add(delivery);
                bytes += delivery.payloadBytes();
            }
            send(stream, request, outcome);
        });
    }

    private void send(String stream, List<Delivery<T>> request, Outcome<T> outcome) {
        List<ProducerBatch> batches = new ArrayList<>(request.size());
        for (Delivery<T> delivery : request) {
            List<RawValue> records = new ArrayList<>(delivery.rows().size());
            delivery.rows().forEach(row -> records.add(new RawValue(row.payload())));
            batches.add(new ProducerBatch(delivery.producerId(), delivery.firstSequence(), records));
        }
        List<SendResult> results;
        try {
            results = floe.producerBatches(stream).send(batches);
        } catch (RuntimeException e) {
            outcome.failed(stream, request, e);
            return;
        }
        for (int i = 0; i < request.size(); i++) {
            outcome.acknowledged(request.get(i), results.get(i));
        }
    }
}
