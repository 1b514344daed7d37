package dev.floe.catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.MetadataUpdate;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.rest.requests.CreateTableRequest;
import org.apache.iceberg.rest.requests.CreateViewRequest;
import org.apache.iceberg.rest.requests.ImmutableCreateViewRequest;
import org.apache.iceberg.rest.requests.UpdateTableRequest;

/**
 * Keeps what a client asks for inside the bucket: a table or view location, or a metadata path
 * ({@code write.metadata.path}), that lies outside it is left out of the request, so the catalog's
 * own location in the bucket applies (or the current one stays). The Iceberg REST protocol lets a
 * catalog override requested locations; the files of a bucket's tables stay in that bucket.
 */
final class InsideBucket {
    private final BucketFileIO files;

    InsideBucket(BucketFileIO files) {
        this.files = files;
    }

    CreateTableRequest create(CreateTableRequest request) {
        boolean locationOutside = request.location() != null && !files.contains(request.location());
        Map<String, String> properties = properties(request.properties());
        if (!locationOutside && properties.equals(request.properties())) {
            return request;
        }
        CreateTableRequest.Builder builder = CreateTableRequest.builder()
                .withName(request.name())
                .withLocation(locationOutside ? null : request.location())
                .withSchema(request.schema())
                .withPartitionSpec(request.spec())
                .withWriteOrder(request.writeOrder())
                .setProperties(properties);
        if (request.stageCreate()) {
            builder.stageCreate();
        }
        return builder.build();
    }

    CreateViewRequest create(CreateViewRequest request) {
        boolean locationOutside = request.location() != null && !files.contains(request.location());
        Map<String, String> properties = properties(request.properties());
        if (!locationOutside && properties.equals(request.properties())) {
            return request;
        }
        return ImmutableCreateViewRequest.builder().from(request)
                .location(locationOutside ? null : request.location())
                .properties(properties)
                .build();
    }

    /** A commit to a table or a view, without moves out of the bucket. */
    UpdateTableRequest update(UpdateTableRequest request) {
        List<MetadataUpdate> updates = new ArrayList<>();
        boolean changed = false;
        for (MetadataUpdate update : request.updates()) {
            if (update instanceof MetadataUpdate.SetLocation location && !files.contains(location.location())) {
                changed = true;
            } else if (update instanceof MetadataUpdate.SetProperties set
                    && !properties(set.updated()).equals(set.updated())) {
                updates.add(new MetadataUpdate.SetProperties(properties(set.updated())));
                changed = true;
            } else {
                updates.add(update);
            }
        }
        return changed ? new UpdateTableRequest(request.requirements(), updates) : request;
    }

    private Map<String, String> properties(Map<String, String> properties) {
        String metadataPath = properties.get(TableProperties.WRITE_METADATA_LOCATION);
        if (metadataPath == null || files.contains(metadataPath)) {
            return properties;
        }
        Map<String, String> kept = new HashMap<>(properties);
        kept.remove(TableProperties.WRITE_METADATA_LOCATION);
        return kept;
    }
}
