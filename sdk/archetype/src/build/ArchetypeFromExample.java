import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Turns examples/hello-plugin into the archetype's resources, so the example and what the archetype generates are one
 * source: each file becomes a Velocity template that is the example's text verbatim ({@code #[[...]]#}) except where
 * the example names itself — its Maven coordinates, its package, its plugin id — which become the archetype's
 * properties. Every substitution must happen at least once, and a file the generator does not know fails the build,
 * so the example cannot drift away from the archetype unnoticed.
 *
 * <p>Run by the build (exec-maven-plugin, generate-resources) with Java's single-file launcher:
 * {@code java ArchetypeFromExample.java <example folder> <output folder> <SDK version>}.
 */
public class ArchetypeFromExample {

    private static final String PACKAGE = "dev.resonance.examples.hello";
    private static final String PACKAGE_PATH = PACKAGE.replace('.', '/');
    private static final List<String> ROOT_FILES = List.of("pom.xml", "bnd.bnd", "README.md");

    /** What the example says literally → the archetype property it becomes, in this order. */
    private static final Map<Pattern, String> PROPERTIES = new LinkedHashMap<>();

    static {
        literal("<groupId>dev.resonance.examples</groupId>", "groupId", "<groupId>", "</groupId>");
        literal("<artifactId>hello-plugin</artifactId>", "artifactId", "<artifactId>", "</artifactId>");
        literal("<version>1.0.0-SNAPSHOT</version>", "version", "<version>", "</version>");
        literal("<resonance.version>0.1.0-SNAPSHOT</resonance.version>", "resonanceVersion", "<resonance.version>",
            "</resonance.version>");
        PROPERTIES.put(Pattern.compile("()" + Pattern.quote(PACKAGE) + "()"), "package");
        // the plugin id, as a word in lower case ("Hello, alice!" and "hello-plugin" are left alone above)
        PROPERTIES.put(Pattern.compile("()\\bhello\\b()"), "pluginId");
    }

    /** {@code text} is replaced, keeping {@code before} and {@code after} around the property. */
    private static void literal(String text, String property, String before, String after) {
        if (!text.startsWith(before) || !text.endsWith(after)) {
            throw new IllegalArgumentException(text);
        }
        PROPERTIES.put(Pattern.compile("(" + Pattern.quote(before) + ")"
            + Pattern.quote(text.substring(before.length(), text.length() - after.length()))
            + "(" + Pattern.quote(after) + ")"), property);
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: ArchetypeFromExample <example folder> <output folder> <SDK version>");
        }
        Path example = Path.of(args[0]).toAbsolutePath().normalize();
        Path out = Path.of(args[1]).toAbsolutePath();
        String sdkVersion = args[2];
        delete(out);
        Path resources = out.resolve("archetype-resources");
        Map<String, Integer> used = new LinkedHashMap<>();
        PROPERTIES.values().forEach(property -> used.put(property, 0));
        List<String> written = new ArrayList<>();
        try (Stream<Path> files = Files.walk(example)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String relative = example.relativize(file).toString().replace('\\', '/');
                if (relative.startsWith("target/") || relative.startsWith(".")) {
                    continue;
                }
                String target = target(relative);
                String text = Files.readString(file, StandardCharsets.UTF_8);
                Path destination = resources.resolve(target);
                Files.createDirectories(destination.getParent());
                Files.writeString(destination, template(text, used), StandardCharsets.UTF_8);
                written.add(target);
            }
        }
        used.forEach((property, count) -> {
            if (count == 0) {
                throw new IllegalStateException("the example no longer names its " + property + " as "
                    + "ArchetypeFromExample expects: update the generator with the example");
            }
        });
        Path metadata = out.resolve("META-INF/maven/archetype-metadata.xml");
        Files.createDirectories(metadata.getParent());
        Files.writeString(metadata, metadata(sdkVersion), StandardCharsets.UTF_8);
        System.out.println("archetype resources from " + example + ": " + written.size() + " files, properties "
            + used);
    }

    /** Where a file of the example goes in archetype-resources (Java sources without their package folders). */
    private static String target(String relative) {
        for (String sources : List.of("src/main/java/", "src/test/java/")) {
            if (relative.startsWith(sources)) {
                if (!relative.startsWith(sources + PACKAGE_PATH + "/")) {
                    throw new IllegalStateException(relative + " is outside package " + PACKAGE);
                }
                return sources + relative.substring((sources + PACKAGE_PATH + "/").length());
            }
        }
        if (relative.startsWith("src/main/resources/") || ROOT_FILES.contains(relative)) {
            return relative;
        }
        throw new IllegalStateException("the example has " + relative + ", which the archetype does not know: add it "
            + "to ArchetypeFromExample (and to the fileSets of archetype-metadata.xml)");
    }

    /** The example's text as a Velocity template: verbatim, with the properties in place of what they replace. */
    private static String template(String text, Map<String, Integer> used) {
        if (text.contains("]]#") || text.contains("\u0000")) {
            throw new IllegalStateException("text Velocity cannot keep verbatim: ]]#");
        }
        for (Map.Entry<Pattern, String> property : PROPERTIES.entrySet()) {
            Matcher matcher = property.getKey().matcher(text);
            StringBuilder replaced = new StringBuilder();
            int count = 0;
            while (matcher.find()) {
                matcher.appendReplacement(replaced, Matcher.quoteReplacement(matcher.group(1) + "\u0000"
                    + property.getValue() + "\u0000" + matcher.group(2)));
                count++;
            }
            matcher.appendTail(replaced);
            text = replaced.toString();
            used.merge(property.getValue(), count, Integer::sum);
        }
        StringBuilder template = new StringBuilder();
        String[] parts = text.split("\u0000", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i % 2 == 1) {
                template.append("${").append(parts[i]).append('}');
            } else if (!parts[i].isEmpty()) {
                template.append("#[[").append(parts[i]).append("]]#");
            }
        }
        return template.toString();
    }

    private static String metadata(String sdkVersion) {
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <!-- Generated by src/build/ArchetypeFromExample.java from examples/hello-plugin: edit those instead. -->
            <archetype-descriptor xmlns="http://maven.apache.org/plugins/maven-archetype-plugin/archetype-descriptor/1.1.0"
                xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                xsi:schemaLocation="http://maven.apache.org/plugins/maven-archetype-plugin/archetype-descriptor/1.1.0 https://maven.apache.org/xsd/archetype-descriptor-1.1.0.xsd"
                name="resonance-plugin">
              <requiredProperties>
                <!-- the plugin's id: its Resonance-Plugin header, descriptor id, REST path /api/plugins/<id> -->
                <requiredProperty key="pluginId">
                  <validationRegex>[a-z][a-z0-9-]{1,31}</validationRegex>
                </requiredProperty>
                <!-- the SDK (core-api, plugin testkit) the plugin builds on -->
                <requiredProperty key="resonanceVersion">
                  <defaultValue>%s</defaultValue>
                </requiredProperty>
              </requiredProperties>
              <fileSets>
                <fileSet filtered="true" packaged="true" encoding="UTF-8">
                  <directory>src/main/java</directory>
                  <includes><include>**/*.java</include></includes>
                </fileSet>
                <fileSet filtered="true" packaged="true" encoding="UTF-8">
                  <directory>src/test/java</directory>
                  <includes><include>**/*.java</include></includes>
                </fileSet>
                <fileSet filtered="true" encoding="UTF-8">
                  <directory>src/main/resources</directory>
                  <includes><include>**/*</include></includes>
                </fileSet>
                <fileSet filtered="true" encoding="UTF-8">
                  <directory></directory>
                  <includes><include>bnd.bnd</include><include>README.md</include></includes>
                </fileSet>
              </fileSets>
            </archetype-descriptor>
            """.formatted(sdkVersion);
    }

    private static void delete(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
