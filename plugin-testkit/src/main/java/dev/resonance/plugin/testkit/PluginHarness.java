package dev.resonance.plugin.testkit;

import dev.resonance.api.plugin.PluginDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.jar.Manifest;

/**
 * A plugin under test, without Karaf: its checked descriptor and the core services it may use, each limited to what
 * the descriptor declares.
 *
 * <pre>{@code
 * PluginHarness plugin = PluginHarness.load();             // META-INF/resonance/plugin.json, checked
 * plugin.catalog().add(Tracks.track(1, "Song", "Band").build());
 * MyProvider provider = new MyProvider(plugin.catalog(), plugin.storage(), plugin.http());
 * List<Lyrics> found = plugin.call(() -> provider.lyrics(track));   // within the core's 5 s
 * }</pre>
 *
 * Each harness has its own services and {@link #clock() clock}; make one per test.
 */
public final class PluginHarness {

    /** How long the core lets a call into a plugin run by default before it interrupts it and moves on. */
    public static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

    private final Descriptor descriptor;
    private final URL descriptorUrl;
    private final TestClock clock = new TestClock();
    private final TestCatalog catalog;
    private final TestKeyValueStore storage;
    private final TestPluginHttp http;
    private final TestClientLibrary clientLibrary = new TestClientLibrary();
    private final TestClientAccess clientAccess;

    private PluginHarness(Descriptor descriptor, URL descriptorUrl) {
        this.descriptor = descriptor;
        this.descriptorUrl = descriptorUrl;
        this.catalog = new TestCatalog(descriptor);
        this.storage = new TestKeyValueStore(descriptor, clock);
        this.http = new TestPluginHttp(descriptor);
        this.clientAccess = new TestClientAccess(descriptor, clientLibrary, clock);
    }

    /**
     * The plugin whose {@value PluginDescriptor#RESOURCE} is on the test class path (the plugin's own, from its
     * {@code target/classes}, when jars hold others).
     *
     * @throws InvalidDescriptorException when the core would refuse the descriptor
     */
    public static PluginHarness load() {
        return load(PluginDescriptor.RESOURCE);
    }

    /** The plugin whose descriptor is the class path resource {@code resource}. */
    public static PluginHarness load(String resource) {
        URL url = find(resource);
        try (InputStream in = url.openStream()) {
            return new PluginHarness(Descriptor.read(in, url.toString()), url);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + url, e);
        }
    }

    /** A harness for a descriptor the test built or read itself. */
    public static PluginHarness of(Descriptor descriptor) {
        return new PluginHarness(Objects.requireNonNull(descriptor, "descriptor"), null);
    }

    public Descriptor descriptor() {
        return descriptor;
    }

    /** The clock of {@link #storage()}'s TTLs. */
    public TestClock clock() {
        return clock;
    }

    /** The plugin's {@code Catalog}. */
    public TestCatalog catalog() {
        return catalog;
    }

    /** The plugin's {@code KeyValueStore}. */
    public TestKeyValueStore storage() {
        return storage;
    }

    /** The plugin's {@code PluginHttp}. */
    public TestPluginHttp http() {
        return http;
    }

    /** What the catalog holds for client apps (libraries, artists, albums, songs, users' marks): the test fills it. */
    public TestClientLibrary clientLibrary() {
        return clientLibrary;
    }

    /**
     * The plugin's {@code ClientAccess} (needs {@code client-api}): the test adds users and app passwords; sessions
     * read {@link #clientLibrary()} as their user; lock-outs run on {@link #clock()}.
     */
    public TestClientAccess clientAccess() {
        return clientAccess;
    }

    /**
     * Runs a call into the plugin as the core does: on another thread, for at most {@link #CALL_TIMEOUT}. A call past
     * it is interrupted and fails the test, since the core would drop its answer.
     */
    public <T> T call(Callable<T> call) throws Exception {
        return call(call, CALL_TIMEOUT);
    }

    /** {@link #call(Callable)} with another timeout (the admin can change the core's). */
    public <T> T call(Callable<T> call, Duration timeout) throws Exception {
        FutureTask<T> task = new FutureTask<>(call);
        Thread thread = new Thread(task, "plugin-call-" + descriptor.id());
        thread.setDaemon(true);
        thread.start();
        try {
            return task.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            task.cancel(true);
            throw new AssertionError("the call into plugin \"" + descriptor.id() + "\" took longer than " + timeout
                + ": the core interrupts it and treats it as no answer");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    /**
     * Checks the bundle bnd built next to the descriptor ({@code target/classes/META-INF/MANIFEST.MF} in the test
     * phase) against {@link PluginBundle}'s rules.
     *
     * @throws AssertionError naming every broken rule
     */
    public void checkBundle() {
        if (descriptorUrl == null) {
            throw new IllegalStateException("this harness was not loaded from a bundle's descriptor");
        }
        String text = descriptorUrl.toString();
        URL manifestUrl;
        try {
            manifestUrl = new URL(text.substring(0, text.length() - PluginDescriptor.RESOURCE.length())
                + "META-INF/MANIFEST.MF");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Manifest manifest;
        try (InputStream in = manifestUrl.openStream()) {
            manifest = new Manifest(in);
        } catch (IOException e) {
            throw new AssertionError("no manifest beside " + text + " (" + manifestUrl + "): is bnd-maven-plugin's "
                + "bnd-process goal in the build?", e);
        }
        List<String> problems = PluginBundle.problems(manifest, descriptor);
        if (!problems.isEmpty()) {
            throw new AssertionError(manifestUrl + " breaks the plugin rules:\n  - " + String.join("\n  - ", problems));
        }
    }

    private static URL find(String resource) {
        List<URL> found;
        try {
            found = Collections.list(PluginHarness.class.getClassLoader().getResources(resource));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<URL> folders = new ArrayList<>(found.stream().filter(url -> url.getProtocol().equals("file")).toList());
        if (folders.size() == 1) {
            return folders.get(0);
        }
        if (found.size() == 1) {
            return found.get(0);
        }
        throw new IllegalStateException(found.isEmpty()
            ? "no " + resource + " on the class path: the plugin's descriptor belongs in src/main/resources/" + resource
            : "several " + resource + " on the class path, load one by its own name: " + found);
    }
}
