package dev.resonance.impl;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The dependency rule of the core (docs/architecture.md, "Dependency rule"), checked on the compiled classes.
 *
 * <p>The top-level packages under {@code dev.resonance.impl} form layers: a package uses the layers below its own,
 * never one above, and no two packages use each other, directly or round a loop:
 * <ol>
 *   <li>{@code db}, {@code config}, {@code input}: foundations; core-api and libraries only, independent of each
 *       other.</li>
 *   <li>{@code json}: the API's one JSON mapping (it applies {@code input}'s rules to every string and date).</li>
 *   <li>{@code health}: the registry of health checks and the report; no HTTP.</li>
 *   <li>{@code http}: the plumbing — Jersey container, providers, filters, and the one place a
 *       {@link dev.resonance.api.error.ResonanceException} becomes a status ({@code ErrorStatus}).</li>
 *   <li>features: {@code auth}, {@code library}, {@code stream}, {@code sync}, {@code playlists}, {@code plugins}, {@code shell}. They speak domain errors;
 *       only their JAX-RS resources ({@code @Path}), their {@code *Component} (which mounts them) and their plain
 *       servlets use {@code http}. {@code auth} is the bottom feature, used by the others and using none, so that
 *       every feature may ask who is calling; the others may use each other without a cycle.</li>
 * </ol>
 * Why: a package that both uses and is used by another cannot be understood, tested or replaced alone, and an
 * infrastructure package that knows a feature makes every new feature an edit of the plumbing (a plugin cannot do
 * that). {@code javax.ws.rs} stays at the edge so that services and plugins throw a domain error and get the same
 * JSON answer from one mapper. core-api is what plugins compile against: no implementation, no web stack.
 *
 * <p>The HTTP surface is a whiteboard: features contribute their resources and servlets as services
 * ({@code dev.resonance.api.http.HttpContribution}), so {@code http} names none of them.
 */
class ArchitectureTest {

    private static final String IMPL = "dev.resonance.impl";

    /** The infrastructure packages by layer, lowest first: each uses only the layers below its own. */
    private static final List<List<String>> INFRASTRUCTURE_LAYERS = List.of(List.of("db", "config", "input"), List.of("json"), List.of("events"),
            List.of("health"), List.of("http"), List.of("metrics", "graphql"));
    private static final String[] INFRASTRUCTURE = INFRASTRUCTURE_LAYERS.stream().flatMap(List::stream)
            .map(ArchitectureTest::pkg).toArray(String[]::new);
    private static final String[] FEATURES = Stream.of("auth", "library", "stream", "sync", "playlists", "history", "plugins", "shell")
            .map(ArchitectureTest::pkg).toArray(String[]::new);
    /** What core-api must not use; {@code javax.servlet} it may: {@code HttpEndpoint} is a servlet. */
    private static final String[] WEB_STACK = {"javax.ws.rs..", "org.glassfish..", "org.eclipse.jetty.."};

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.resonance.api", IMPL);

    /** A JAX-RS resource: annotated {@code @Path}, or nested in one (its records, its helpers). */
    private static final DescribedPredicate<JavaClass> RESOURCE = DescribedPredicate.describe("JAX-RS resources (@Path)",
            c -> topLevel(c).isAnnotatedWith(javax.ws.rs.Path.class));

    /** What mounts a feature on the web: its resources, its DS component, its plain servlets. */
    private static final DescribedPredicate<JavaClass> WEB_EDGE = RESOURCE
            .or(DescribedPredicate.describe("*Component classes", c -> topLevel(c).getSimpleName().endsWith("Component")))
            .or(DescribedPredicate.describe("servlets", c -> topLevel(c).isAssignableTo(javax.servlet.http.HttpServlet.class)))
            .or(DescribedPredicate.describe("GraphQL parts", c -> topLevel(c).isAssignableTo(dev.resonance.impl.graphql.GraphPart.class)))
            .as("resources, *Component classes, servlets and GraphQL parts");

    @Test
    void topLevelPackagesHaveNoCycles() {
        slices().matching(IMPL + ".(*)..").should().beFreeOfCycles().check(CORE);
    }

    @Test
    void infrastructureLayersDependOnlyDownward() {
        List<ArchRule> rules = new ArrayList<>();
        for (int layer = 0; layer < INFRASTRUCTURE_LAYERS.size(); layer++) {
            for (String name : INFRASTRUCTURE_LAYERS.get(layer)) {
                String[] sameOrAbove = INFRASTRUCTURE_LAYERS.subList(layer, INFRASTRUCTURE_LAYERS.size()).stream()
                        .flatMap(List::stream).filter(other -> !other.equals(name)).map(ArchitectureTest::pkg).toArray(String[]::new);
                if (sameOrAbove.length > 0) {
                    rules.add(noClasses().that().resideInAPackage(pkg(name))
                            .should().dependOnClassesThat().resideInAnyPackage(sameOrAbove));
                }
            }
        }
        CompositeArchRule.of(rules).check(CORE);
    }

    @Test
    void infrastructureNeverDependsOnFeatures() {
        noClasses().that().resideInAnyPackage(INFRASTRUCTURE)
                .should().dependOnClassesThat().resideInAnyPackage(FEATURES)
                .because("a feature is a contribution the plumbing discovers, not something it names")
                .check(CORE);
    }

    @Test
    void featuresHaveNoCyclesAndAuthDependsOnNoOtherFeature() {
        slices().matching(IMPL + ".(*)..").that(DescribedPredicate.describe("are features",
                        slice -> Arrays.asList(FEATURES).contains(pkg(slice.getNamePart(1)))))
                .should().beFreeOfCycles().check(CORE);
        noClasses().that().resideInAPackage(pkg("auth"))
                .should().dependOnClassesThat().resideInAnyPackage(pkg("library"), pkg("stream"), pkg("sync"), pkg("playlists"), pkg("plugins"), pkg("shell"))
                .because("every feature may ask who is calling: auth is the bottom feature (it owns interfaces others implement)")
                .check(CORE);
    }

    @Test
    void featuresUseHttpOnlyAtTheirWebEdge() {
        noClasses().that().resideInAnyPackage(FEATURES).and(not(WEB_EDGE))
                .should().dependOnClassesThat().resideInAPackage(pkg("http"))
                .because("features speak domain errors; only what mounts them on the web knows http")
                .check(CORE);
    }

    @Test
    void featuresUseGraphQlOnlyInTheirParts() {
        noClasses().that().resideInAnyPackage(FEATURES).and(not(WEB_EDGE))
                .should().dependOnClassesThat().resideInAPackage(pkg("graphql"))
                .orShould().dependOnClassesThat().resideInAPackage("graphql..")
                .because("a feature's GraphQL face is its part (like its REST resources), over the same services")
                .check(CORE);
    }

    @Test
    void jaxRsIsUsedOnlyByResourcesAndTheHttpPackage() {
        noClasses().that().resideOutsideOfPackage(pkg("http")).and(not(RESOURCE))
                .should().dependOnClassesThat().resideInAPackage("javax.ws.rs..")
                .because("services speak domain errors (ResonanceException); ErrorStatus in http speaks HTTP")
                .check(CORE);
    }

    @Test
    void coreApiDependsOnNoImplementationAndNoWebStack() {
        noClasses().that().resideInAPackage("dev.resonance.api..")
                .should().dependOnClassesThat().resideInAPackage(IMPL + "..")
                .orShould().dependOnClassesThat().resideInAnyPackage(WEB_STACK)
                .because("plugins compile against core-api alone")
                .check(CORE);
    }

    /** {@code name}'s package pattern, with its subpackages. */
    private static String pkg(String name) {
        return IMPL + "." + name + "..";
    }

    private static JavaClass topLevel(JavaClass c) {
        Optional<JavaClass> enclosing = c.getEnclosingClass();
        return enclosing.isPresent() ? topLevel(enclosing.get()) : c;
    }
}
