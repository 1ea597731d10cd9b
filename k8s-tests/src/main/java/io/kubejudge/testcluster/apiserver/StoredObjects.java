package io.kubejudge.testcluster.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** Reads and writes of the CRUD store, for the handlers that answer what the store cannot. */
interface StoredObjects {

    /** The object or list at the path, empty when there is none. */
    Optional<JsonNode> get(String path);

    /** Replaces the object at the path (a PUT); returns the status code and the stored object or a Status. */
    Response put(String path, JsonNode object);

    /** Creates the object in the collection (a POST); returns the status code and the stored object or a Status. */
    Response post(String collectionPath, JsonNode object);

    record Response(int code, JsonNode body) {
    }
}
