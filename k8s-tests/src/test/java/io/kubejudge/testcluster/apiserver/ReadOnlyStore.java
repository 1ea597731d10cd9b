package io.kubejudge.testcluster.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** A store that answers every read with the same document and refuses writes: for handlers that only read. */
final class ReadOnlyStore implements StoredObjects {

    private final JsonNode document;

    ReadOnlyStore(JsonNode document) {
        this.document = document;
    }

    @Override
    public Optional<JsonNode> get(String path) {
        return Optional.of(document);
    }

    @Override
    public Response post(String collectionPath, JsonNode object) {
        throw new UnsupportedOperationException("read-only store: POST " + collectionPath);
    }

    @Override
    public Response put(String path, JsonNode object) {
        throw new UnsupportedOperationException("read-only store: PUT " + path);
    }
}
