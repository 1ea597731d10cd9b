package io.kubejudge.runner.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * The identity untrusted programs (submissions and their compilers) run as, and whether the
 * launcher can limit their number of tasks.
 *
 * <p>As root (a laptop, CI) the launcher drops to a uid of this runner's own: {@value #UID_BASE}
 * plus the runner's pid modulo a million, or {@code $KUBEJUDGE_PROGRAM_UID}. Not the shared
 * {@code nobody}: RLIMIT_NPROC counts a uid's tasks on the whole machine, so another container or
 * daemon running as nobody would make the task limit refuse our programs (or let theirs fill it),
 * and a program could signal their processes. Unprivileged (the pod, where everything runs as
 * 65534) there is nothing to drop to: the launcher keeps our uid and Landlock does the confining.
 */
public final class ProgramUser {

    public static final int UID_BASE = 2_000_000_000;
    public static final String ENV_UID = "KUBEJUDGE_PROGRAM_UID";
    /** The kernel's initial PID namespace (PROC_PID_INIT_INO): /proc there shows every task of the machine. */
    private static final String INITIAL_PID_NAMESPACE = "pid:[4026531836]";

    private final Optional<Integer> uid;
    private final boolean tasksCountable;

    private ProgramUser(Optional<Integer> uid, boolean tasksCountable) {
        this.uid = uid;
        this.tasksCountable = tasksCountable;
    }

    public static ProgramUser forThisProcess() {
        if (isRoot()) {
            String configured = System.getenv(ENV_UID);
            int uid = configured != null && !configured.isBlank() ? Integer.parseInt(configured.strip())
                    : (int) (UID_BASE + ProcessHandle.current().pid() % 1_000_000);
            return new ProgramUser(Optional.of(uid), true);
        }
        return new ProgramUser(Optional.empty(), inInitialPidNamespace() || inPrivateUserNamespace());
    }

    /** The uid and gid to put in the launcher spec, or empty to keep the launcher's own. */
    public Optional<Integer> switchTo() {
        return uid;
    }

    /**
     * The task limit to give the launcher, or 0 for none. The launcher counts the uid's tasks in
     * /proc and allows {@code wanted} more; that count is only right when /proc shows every task
     * of the uid: our own uid, or the machine's PID namespace. In a container running as a shared
     * uid it is not, and the container's pids limit must do this job instead.
     */
    public int taskLimit(int wanted) {
        return tasksCountable ? wanted : 0;
    }

    /**
     * Makes a directory the program writes into (its scratch or build directory) writable for it.
     * Unprivileged this is a no-op: the directory already is ours, hence the program's.
     */
    public void grantWrite(Path dir) throws IOException {
        if (uid.isEmpty()) {
            return;
        }
        Files.setAttribute(dir, "unix:uid", uid.get());
        Files.setAttribute(dir, "unix:gid", uid.get());
    }

    /**
     * Makes sure the program, once it runs as another user, can reach {@code dir}: every ancestor
     * must be searchable by others. Temporary directories (ours, under the system temp directory,
     * created 0700 by Java and JUnit) get the search bit; any other ancestor that lacks it is
     * reported rather than changed, since it is not ours to open up.
     */
    public void makeReachable(Path dir) throws IOException {
        if (uid.isEmpty()) {
            return;
        }
        Path tmp = Path.of(System.getProperty("java.io.tmpdir", "/tmp")).toAbsolutePath().normalize();
        for (Path p = dir.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
            if (perms.contains(PosixFilePermission.OTHERS_EXECUTE)) {
                continue;
            }
            if (p.startsWith(tmp) && !p.equals(tmp)) {
                perms.add(PosixFilePermission.OTHERS_EXECUTE);
                Files.setPosixFilePermissions(p, perms);
                continue;
            }
            throw new IOException("directory " + p + " is not searchable by others (mode "
                    + PosixFilePermissions.toString(perms) + "): programs run as uid " + uid.get()
                    + " could not reach " + dir + "; use a directory under " + tmp + " or chmod o+x " + p);
        }
    }

    static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /**
     * A pod with {@code hostUsers: false} has a user namespace of its own: its uid 65534 is a host
     * uid no other pod has, so RLIMIT_NPROC counts this pod's tasks only, and they are all in our
     * /proc (the pod's other containers do not run while a step does, the pause container has
     * another uid). The initial namespace maps every uid to itself.
     */
    static boolean inPrivateUserNamespace() {
        try {
            String map = Files.readString(Path.of("/proc/self/uid_map")).strip().replaceAll("\\s+", " ");
            return !map.isEmpty() && !map.equals("0 0 4294967295");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    static boolean inInitialPidNamespace() {
        try {
            return INITIAL_PID_NAMESPACE.equals(Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString());
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
