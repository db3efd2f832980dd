package dev.resonance.plugin.lyrics.testing;

import dev.resonance.plugin.lyrics.LyricsConfig;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@link LyricsConfig} instances as Declarative Services builds them: each property from the given map, every other
 * one at its annotation default — so a test sees the same defaults the plugin ships with.
 */
public final class Configs {

    private Configs() {
    }

    public static LyricsConfig defaults() {
        return lyrics(Map.of());
    }

    /** A configuration with these properties (names as in Config Admin) over the defaults. */
    public static LyricsConfig lyrics(Map<String, ?> properties) {
        Set<String> known = Arrays.stream(LyricsConfig.class.getDeclaredMethods()).map(Method::getName)
            .collect(Collectors.toSet());
        if (!known.containsAll(properties.keySet())) {
            throw new IllegalArgumentException("not LyricsConfig properties: " + properties.keySet());
        }
        return (LyricsConfig) Proxy.newProxyInstance(LyricsConfig.class.getClassLoader(),
            new Class<?>[] {LyricsConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                case "annotationType" -> LyricsConfig.class;
                case "toString" -> "LyricsConfig" + properties;
                case "hashCode" -> properties.hashCode();
                case "equals" -> proxy == args[0];
                default -> properties.containsKey(method.getName()) ? properties.get(method.getName())
                    : method.getDefaultValue();
            });
    }
}
