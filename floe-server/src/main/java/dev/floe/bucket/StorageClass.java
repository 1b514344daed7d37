package dev.floe.bucket;

import dev.floe.error.ErrorCode;
import dev.floe.error.FloeException;

/**
 * R2's storage classes. floe stores every object alike; the class is kept and reported so that tools
 * which set it keep working.
 */
public enum StorageClass {
    STANDARD("Standard"),
    INFREQUENT_ACCESS("InfrequentAccess");

    private final String apiName;

    StorageClass(String apiName) {
        this.apiName = apiName;
    }

    /** The name in the API, such as {@code InfrequentAccess}. */
    public String apiName() {
        return apiName;
    }

    /** @throws FloeException {@code INVALID_REQUEST} for a name R2 does not know */
    public static StorageClass fromApiName(String name) {
        for (StorageClass storageClass : values()) {
            if (storageClass.apiName.equals(name)) {
                return storageClass;
            }
        }
        throw new FloeException(ErrorCode.INVALID_REQUEST,
                "storage class '" + name + "' is unknown; use Standard or InfrequentAccess");
    }
}
