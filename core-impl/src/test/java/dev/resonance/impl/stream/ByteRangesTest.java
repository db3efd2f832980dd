package dev.resonance.impl.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resonance.impl.stream.ByteRanges.Partial;
import dev.resonance.impl.stream.ByteRanges.Range;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ByteRangesTest {

    private static ByteRanges.Outcome eval(String header, long length) {
        return ByteRanges.evaluate(Optional.ofNullable(header), length);
    }

    private static List<Range> ranges(String header, long length) {
        ByteRanges.Outcome outcome = eval(header, length);
        assertThat(outcome).isInstanceOf(Partial.class);
        return ((Partial) outcome).ranges();
    }

    @Test
    void aSingleClosedRange() {
        assertThat(ranges("bytes=0-99", 1000)).containsExactly(new Range(0, 99));
        assertThat(ranges("bytes=500-999", 1000)).containsExactly(new Range(500, 999));
    }

    @Test
    void aSuffixRangeIsTheLastNBytes() {
        assertThat(ranges("bytes=-100", 1000)).containsExactly(new Range(900, 999));
        assertThat(ranges("bytes=-5000", 1000)).containsExactly(new Range(0, 999));
    }

    @Test
    void anOpenRangeRunsToTheEndAndAnOverlongOneIsClipped() {
        assertThat(ranges("bytes=990-", 1000)).containsExactly(new Range(990, 999));
        assertThat(ranges("bytes=900-5000", 1000)).containsExactly(new Range(900, 999));
    }

    @Test
    void severalRangesAreSortedAndOverlappingOrAdjacentOnesMerged() {
        assertThat(ranges("bytes=500-599, 0-9, -10", 1000)).containsExactly(new Range(0, 9), new Range(500, 599), new Range(990, 999));
        assertThat(ranges("bytes=0-9,10-19,15-30", 1000)).containsExactly(new Range(0, 30));
    }

    @Test
    void nothingSatisfiableIs416() {
        assertThat(eval("bytes=1000-", 1000)).isInstanceOf(ByteRanges.Unsatisfiable.class);
        assertThat(eval("bytes=5000-6000", 1000)).isInstanceOf(ByteRanges.Unsatisfiable.class);
        assertThat(eval("bytes=-0", 1000)).isInstanceOf(ByteRanges.Unsatisfiable.class);
        assertThat(eval("bytes=0-0", 0)).isInstanceOf(ByteRanges.Unsatisfiable.class);
    }

    @Test
    void invalidHeadersAreIgnored() {
        for (String header : List.of("items=0-1", "bytes=abc", "bytes=5-1", "bytes=-", "bytes=1", "bytes=--5", "0-100")) {
            assertThat(eval(header, 1000)).as(header).isInstanceOf(ByteRanges.Whole.class);
        }
        assertThat(eval(null, 1000)).isInstanceOf(ByteRanges.Whole.class);
    }

    @Test
    void aFloodOfRangesIsServedWhole() {
        StringBuilder header = new StringBuilder("bytes=");
        for (int i = 0; i < 40; i++) {
            header.append(i * 20).append('-').append(i * 20 + 5).append(',');
        }
        assertThat(eval(header.toString(), 10_000)).isInstanceOf(ByteRanges.Whole.class);
    }
}
