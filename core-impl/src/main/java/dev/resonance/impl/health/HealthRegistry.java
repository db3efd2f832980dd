package dev.resonance.impl.health;

import dev.resonance.api.health.HealthIndicator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** Collects every {@link HealthIndicator} in the framework, the core's and the plugins', as they come and go. */
@Component(service = HealthRegistry.class)
public final class HealthRegistry {

    private final List<HealthIndicator> indicators = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addIndicator(HealthIndicator indicator) {
        indicators.add(indicator);
    }

    void removeIndicator(HealthIndicator indicator) {
        indicators.remove(indicator);
    }

    public HealthReport report() {
        return HealthReport.of(List.copyOf(indicators));
    }
}
