package io.kubejudge.api.auth;

import io.kubejudge.api.error.ApiException;

/** Who is calling, as far as authorisation is concerned. */
public record Caller(String userId, boolean admin, boolean contest) {

    /** Whether the caller may read or cancel a submission made by {@code ownerUserId}. */
    public boolean mayAccess(String ownerUserId) {
        return admin || (userId != null && userId.equals(ownerUserId));
    }

    public void requireAccess(String ownerUserId, long submissionId) {
        if (!mayAccess(ownerUserId)) {
            throw ApiException.forbidden("submission " + submissionId + " belongs to another user");
        }
    }
}
