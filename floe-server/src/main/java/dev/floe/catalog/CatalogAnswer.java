package dev.floe.catalog;

/**
 * What a catalog request is answered with: a status and a JSON body, or no body ({@code null}) for
 * 204 and for the answers to {@code HEAD}.
 */
public record CatalogAnswer(int status, byte[] json) {
    static final int NO_CONTENT = 204;

    static CatalogAnswer empty() {
        return new CatalogAnswer(NO_CONTENT, null);
    }
}
