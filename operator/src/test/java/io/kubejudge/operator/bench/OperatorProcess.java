package io.kubejudge.operator.bench;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.kubejudge.operator.KubeJudgeOperator;
import io.kubejudge.operator.OperatorSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The operator alone in a JVM of its own, driven by {@link AdmissionBenchmark} over standard input,
 * so that its heap and CPU time are the operator's and nobody else's (the load driver and the stand-in
 * API server run in other processes). One command per line, one answer line each:
 * <ul>
 *   <li>{@code start <apiServerUrl> <namespace> <redisPort|0> <reconcileThreads>} → {@code STARTED}</li>
 *   <li>{@code stop} → {@code STOPPED} (operator and its client closed)</li>
 *   <li>{@code heap} → {@code HEAP <bytes used after full GCs>}</li>
 *   <li>{@code cpu} → {@code CPU <process CPU ns> <JIT compiler threads' CPU ns> <GC threads' CPU ns>}</li>
 *   <li>{@code requests} → {@code REQUESTS <method>:<resource>=<count> ...}: the API requests its client sent since the start</li>
 *   <li>{@code trace} → {@code TRACE <submission>:<7 times> ...}: when each admission's requests were sent
 *       and answered (see {@link #TRACE}; System.nanoTime, comparable across processes)</li>
 *   <li>{@code metrics} → {@code METRICS <counter>,<tag>:<value>...=<count> ...}: the non-zero counters (reconciliations, events)</li>
 * </ul>
 * Answers start with {@value #ANSWER}. Ends when its standard input closes. Everything else the JVM prints goes to standard error.
 */
public final class OperatorProcess {

    /** Marks answer lines: the JVM itself may print to standard output too (e.g. JFR's start-up line). */
    static final String ANSWER = "@bench ";
    private static final Map<String, LongAdder> REQUESTS = new ConcurrentHashMap<>();
    /**
     * Per submission, when its admission requests were sent and answered (System.nanoTime, one clock
     * for every process of the machine): {finalizer sent, answered, ConfigMap sent, answered, Job
     * sent, answered, status sent}.
     */
    private static final Map<String, long[]> TRACE = new ConcurrentHashMap<>();
    /** Per reconcile thread: its last ConfigMap and Job creates {sent, answered}, not yet tied to a submission. */
    private static final ThreadLocal<long[][]> PENDING = ThreadLocal.withInitial(() -> new long[2][]);
    /** Where to note the answer time of a traced request in flight, by the value of its {@link #TRACE_HEADER}. */
    private static final Map<String, long[]> IN_FLIGHT = new ConcurrentHashMap<>();
    private static final String TRACE_HEADER = "X-Bench-Trace";
    private static final java.util.concurrent.atomic.AtomicLong TRACE_IDS = new java.util.concurrent.atomic.AtomicLong();
    /** Held strongly: java.util.logging forgets the level of loggers nobody references. */
    private static final java.util.logging.Logger ROOT = java.util.logging.Logger.getLogger("");

    private OperatorProcess() {
    }

    public static void main(String[] args) throws Exception {
        // As deployed (Quarkus logs at INFO): unconfigured, the log manager would build every debug record.
        ROOT.setLevel(java.util.logging.Level.INFO);
        PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        KubernetesClient client = null;
        KubeJudgeOperator operator = null;
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        String line;
        while ((line = in.readLine()) != null) {
            String[] cmd = line.trim().split(" ");
            String answer = switch (cmd[0]) {
                case "start" -> {
                    REQUESTS.clear();
                    TRACE.clear();
                    client = client(cmd[1]);
                    OperatorSettings.Builder settings = OperatorSettings.builder().namespaces(Set.of(cmd[2]))
                            .reconcileThreads(Integer.parseInt(cmd[4])).missingReferenceGrace(Duration.ofSeconds(5));
                    if (!"0".equals(cmd[3])) {
                        settings.redis("127.0.0.1", Integer.parseInt(cmd[3]));
                    }
                    registry = new SimpleMeterRegistry();
                    operator = KubeJudgeOperator.start(client, settings.build(), registry);
                    yield "STARTED";
                }
                case "stop" -> {
                    if (operator != null) {
                        operator.stop();
                        client.close();
                        operator = null;
                        client = null;
                    }
                    yield "STOPPED";
                }
                case "heap" -> "HEAP " + usedHeapAfterGc();
                case "cpu" -> "CPU " + processCpu() + " " + threadsCpu("C1 Compiler", "C2 Compiler") + " "
                        + threadsCpu("GC Thread", "G1 ");
                case "requests" -> {
                    StringBuilder b = new StringBuilder("REQUESTS");
                    new TreeMap<>(REQUESTS).forEach((k, v) -> b.append(' ').append(k).append('=').append(v.sum()));
                    yield b.toString();
                }
                case "trace" -> {
                    StringBuilder b = new StringBuilder("TRACE");
                    TRACE.forEach((name, t) -> {
                        b.append(' ').append(name);
                        for (long v : t) {
                            b.append(':').append(v);
                        }
                    });
                    yield b.toString();
                }
                case "metrics" -> {
                    StringBuilder b = new StringBuilder("METRICS");
                    for (Meter m : registry.getMeters()) {
                        if (m instanceof Counter c && c.count() > 0) {
                            b.append(' ').append(m.getId().getName());
                            m.getId().getTags().forEach(t -> b.append(',').append(t.getKey()).append(':').append(t.getValue()));
                            b.append('=').append((long) c.count());
                        }
                    }
                    yield b.toString();
                }
                default -> "ERROR unknown command " + cmd[0];
            };
            protocol.println(ANSWER + answer);
        }
        System.exit(0);
    }

    /**
     * The operator's client as a deployment configures it (enough connections for the reconcile
     * threads), counting the requests it sends by method and resource.
     */
    private static KubernetesClient client(String url) {
        var config = new ConfigBuilder().withMasterUrl(url).withTrustCerts(true).withAutoConfigure(false)
                .withMaxConcurrentRequests(KubeJudgeOperator.MAX_CONCURRENT_REQUESTS)
                .withMaxConcurrentRequestsPerHost(KubeJudgeOperator.MAX_CONCURRENT_REQUESTS)
                .withRequestTimeout(60_000).build();
        Interceptor counter = new Interceptor() {
            @Override
            public void before(BasicBuilder builder, HttpRequest request, Interceptor.RequestTags tags) {
                String kind = describe(request);
                REQUESTS.computeIfAbsent(kind, k -> new LongAdder()).increment();
                long[] answered = trace(kind, request, System.nanoTime());
                if (answered != null) {
                    String id = Long.toString(TRACE_IDS.incrementAndGet());
                    IN_FLIGHT.put(id, answered);
                    builder.header(TRACE_HEADER, id);
                }
            }

            @Override
            public void after(HttpRequest request, HttpResponse<?> response, AsyncBody.Consumer<List<ByteBuffer>> consumer) {
                String id = request.header(TRACE_HEADER);
                long[] t = id == null ? null : IN_FLIGHT.remove(id);
                if (t != null) {
                    // {sent, answered} pairs: the answer goes right after the send time
                    for (int i = 0; i + 1 < t.length; i += 2) {
                        if (t[i] != 0 && t[i + 1] == 0) {
                            t[i + 1] = System.nanoTime();
                            break;
                        }
                    }
                }
            }
        };
        return new KubernetesClientBuilder().withConfig(config)
                .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("bench-counter", counter)).build();
    }

    /**
     * An admission's requests, all from its reconcile thread: the finalizer (a PATCH of the
     * submission), then in the next reconciliation the ConfigMap and the Job (POSTs, whose URL does
     * not name the submission) and the status (a PATCH that does).
     */
    /** Notes a request's send time; returns where its answer time goes, or null when it is not traced. */
    private static long[] trace(String kind, HttpRequest request, long now) {
        switch (kind) {
            case "POST:configmaps", "POST:jobs" -> {
                long[] sentAnswered = {now, 0};
                PENDING.get()[kind.equals("POST:jobs") ? 1 : 0] = sentAnswered;
                return sentAnswered;
            }
            case "PATCH:judgesubmissions" -> {
                long[] t = TRACE.computeIfAbsent(name(request), n -> new long[7]);
                if (t[0] != 0) {
                    return null;
                }
                t[0] = now;
                return t;
            }
            case "PATCH:judgesubmissions/status" -> {
                long[][] pending = PENDING.get();
                long[] t = TRACE.computeIfAbsent(name(request), n -> new long[7]);
                if (pending[0] != null && pending[1] != null && t[4] == 0) {
                    t[2] = pending[0][0];
                    t[3] = pending[0][1];
                    t[4] = pending[1][0];
                    t[5] = pending[1][1];
                    t[6] = now;
                }
                pending[0] = null;
                pending[1] = null;
                return null;
            }
            default -> {
                return null;
            }
        }
    }

    private static String name(HttpRequest request) {
        String[] parts = request.uri().getPath().split("/");
        int i = java.util.Arrays.asList(parts).indexOf("judgesubmissions");
        return i >= 0 && parts.length > i + 1 ? parts[i + 1] : "?";
    }

    /** {@code PATCH:judgesubmissions/status}, {@code POST:jobs}, {@code WATCH:pods}, ... */
    static String describe(HttpRequest request) {
        String path = request.uri().getPath();
        String query = request.uri().getQuery();
        String[] parts = path.split("/");
        String resource = parts.length > 0 ? parts[parts.length - 1] : path;
        int ns = java.util.Arrays.asList(parts).indexOf("namespaces");
        if (ns >= 0 && parts.length > ns + 2) {
            resource = parts[ns + 2];
            if (parts.length > ns + 4) {
                resource += "/" + parts[ns + 4];
            }
        }
        String method = query != null && query.contains("watch=true") ? "WATCH" : request.method();
        return method + ":" + resource;
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /**
     * CPU time of this JVM's native threads whose name starts with {@code prefix}, from /proc (the
     * JIT compiler and GC threads are invisible to ThreadMXBean). Linux keeps 15 characters of a
     * thread's name: "C2 CompilerThre", "GC Thread#0", "G1 Conc#0".
     */
    private static long threadsCpu(String... prefixes) {
        long sum = 0;
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    for (String prefix : prefixes) {
                        if (name.startsWith(prefix)) {
                            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                            // utime and stime are fields 14 and 15 of stat; f[0] is field 3
                            sum += (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
                            break;
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return sum;
    }
}
