package dev.parley.client.load.scenario;

import dev.parley.client.load.LoadSettings;
import dev.parley.client.load.engine.Metrics;
import dev.parley.client.load.engine.Op;
import dev.parley.client.load.engine.Scenario;
import dev.parley.client.load.engine.Timer;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP scenarios (directory, blob, Safe) call the SDK's blocking clients on a pool of
 * {@code httpConcurrency} worker threads; in the open model operations that find every worker
 * busy wait in the pool's queue, and that wait is part of their latency.
 */
abstract class HttpScenario implements Scenario {

    /** One operation's work on a worker thread; throws to fail. */
    interface Call {
        void run() throws Exception;
    }

    protected final LoadSettings settings;
    protected HttpClient http;
    protected Timer timer;
    private ExecutorService workers;
    private ExecutorService io;

    HttpScenario(LoadSettings settings) {
        this.settings = settings;
    }

    @Override
    public void setUp(Metrics metrics) throws Exception {
        timer = metrics.timer(name());
        workers = Support.httpWorkers(settings.httpConcurrency, "load-" + name());
        io = Support.httpWorkers(4, "load-" + name() + "-io");
        http = HttpClient.newBuilder().connectTimeout(settings.timeout).version(HttpClient.Version.HTTP_1_1)
                .executor(io).build();
        prepare(metrics);
    }

    /** Scenario-specific set-up after the HTTP client exists. */
    abstract void prepare(Metrics metrics) throws Exception;

    /** The work of operation {@code op}. */
    abstract void call(Op op) throws Exception;

    @Override
    public void start(Op op) {
        try {
            workers.execute(() -> {
                try {
                    call(op);
                    op.succeeded(timer);
                } catch (Exception e) {
                    op.failed(timer, Support.reason(e));
                }
            });
        } catch (RejectedExecutionException e) {
            op.failed(timer, "generator shutting down");
        }
    }

    /** Runs {@code call} and records its duration in {@code stage}. */
    static <T> T stage(Timer stage, java.util.concurrent.Callable<T> call) throws Exception {
        long start = System.nanoTime();
        T result = call.call();
        stage.record(System.nanoTime() - start);
        return result;
    }

    Duration timeout() {
        return settings.timeout;
    }

    @Override
    public Map<String, Object> details() {
        return Map.of("httpConcurrency", settings.httpConcurrency);
    }

    @Override
    public void close() throws Exception {
        if (workers != null) {
            workers.shutdownNow();
            workers.awaitTermination(5, TimeUnit.SECONDS);
        }
        if (io != null) {
            io.shutdownNow();
        }
    }
}
