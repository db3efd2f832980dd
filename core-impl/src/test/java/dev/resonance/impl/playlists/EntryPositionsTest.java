package dev.resonance.impl.playlists;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resonance.api.error.ResonanceException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Where new positions go, and when there is no room (the caller renumbers). */
class EntryPositionsTest {

    private static final long GAP = EntryPositions.GAP;

    @Test
    void positionsAreSpreadEvenlyBetweenNeighboursAndAGapOfOneHasNoRoom() {
        assertThat(EntryPositions.between(Optional.of(0L), Optional.of(4 * GAP), 3)).contains(List.of(GAP, 2 * GAP, 3 * GAP));
        assertThat(EntryPositions.between(Optional.of(10L), Optional.of(13L), 2)).contains(List.of(11L, 12L));
        assertThat(EntryPositions.between(Optional.of(10L), Optional.of(12L), 2)).isEmpty();
        assertThat(EntryPositions.between(Optional.of(10L), Optional.of(11L), 1)).isEmpty();
    }

    @Test
    void theEndsStepByTheGapAndStopShortOfTheLimits() {
        assertThat(EntryPositions.between(Optional.empty(), Optional.empty(), 2)).contains(List.of(GAP, 2 * GAP));
        assertThat(EntryPositions.between(Optional.of(5L), Optional.empty(), 2)).contains(List.of(5 + GAP, 5 + 2 * GAP));
        assertThat(EntryPositions.between(Optional.empty(), Optional.of(0L), 2)).contains(List.of(-2 * GAP, -GAP));
        assertThat(EntryPositions.between(Optional.of(EntryPositions.LIMIT - GAP), Optional.empty(), 1)).isEmpty();
        assertThat(EntryPositions.between(Optional.empty(), Optional.of(-EntryPositions.LIMIT + GAP), 1)).isEmpty();
        assertThat(EntryPositions.between(Optional.of(-EntryPositions.LIMIT), Optional.of(EntryPositions.LIMIT), 10_000))
                .as("the widest range does not overflow").hasValueSatisfying(p -> assertThat(p).isSorted().hasSize(10_000));
    }

    @Test
    void aPlacementIsEitherAnAnchorOrAnEnd() {
        assertThat(EntryPositions.Placement.of(Optional.empty(), Optional.empty())).isEqualTo(new EntryPositions.End());
        assertThat(EntryPositions.Placement.of(Optional.empty(), Optional.of("start"))).isEqualTo(new EntryPositions.Start());
        assertThat(EntryPositions.Placement.of(Optional.of(7L), Optional.empty())).isEqualTo(new EntryPositions.After(7));
        assertThatThrownBy(() -> EntryPositions.Placement.of(Optional.of(7L), Optional.of("end"))).isInstanceOf(ResonanceException.class);
        assertThatThrownBy(() -> EntryPositions.Placement.of(Optional.empty(), Optional.of("START"))).isInstanceOf(ResonanceException.class);
    }
}
