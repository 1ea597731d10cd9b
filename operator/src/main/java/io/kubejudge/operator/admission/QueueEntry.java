package io.kubejudge.operator.admission;

import io.kubejudge.model.v1alpha1.JudgeSubmissionSpec.Priority;
import java.util.Comparator;

/**
 * A waiting submission. {@code tag} is its start tag in start-time fair queueing over users:
 * a user's k-th waiting submission gets a tag about k rounds after the current one, so one user's
 * 500 submissions interleave with everybody else's instead of going first. {@code seq} (arrival
 * order) breaks ties, which keeps age order between users in the same round.
 */
public record QueueEntry(String name, String user, Priority priority, long tag, long seq) {

    public static final Comparator<QueueEntry> ORDER = Comparator
            .comparingInt((QueueEntry e) -> e.priority().ordinal())
            .thenComparingLong(QueueEntry::tag)
            .thenComparingLong(QueueEntry::seq);

    /**
     * The entry's order as one number, for a Redis sorted set (ZRANK gives the live position).
     * Priority and tag are exact; arrival order inside one round is kept modulo 2048 (users with
     * the same tag), which is plenty for a position shown to users.
     */
    public double redisScore() {
        return priority.ordinal() * Math.pow(2, 42) + tag * 2048.0 + (seq & 2047);
    }
}
