package dev.resonance.impl.playlists;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;

/**
 * JSON bodies of the playlist endpoints. Absent optional fields mean "unchanged" / "the default". Where entries go:
 * {@code after} (an entry id) or {@code at} ({@code "start"} or {@code "end"}, the default), not both.
 */
public final class PlaylistRequests {

    private PlaylistRequests() {
    }

    public record Create(String name, Optional<String> description, @JsonProperty("public") Optional<Boolean> isPublic,
                         Optional<Boolean> collaborative, Optional<List<Long>> trackIds) {
        public Create {
            description = orEmpty(description);
            isPublic = orEmpty(isPublic);
            collaborative = orEmpty(collaborative);
            trackIds = orEmpty(trackIds);
        }
    }

    /** Only the fields present change; {@code "description": ""} clears the description. */
    public record Patch(Optional<String> name, Optional<String> description, @JsonProperty("public") Optional<Boolean> isPublic,
                        Optional<Boolean> collaborative, Optional<Long> expectedVersion) {
        public Patch {
            name = orEmpty(name);
            description = orEmpty(description);
            isPublic = orEmpty(isPublic);
            collaborative = orEmpty(collaborative);
            expectedVersion = orEmpty(expectedVersion);
        }
    }

    public record AddEntries(List<Long> trackIds, Optional<Long> after, Optional<String> at, Optional<Long> expectedVersion) {
        public AddEntries {
            after = orEmpty(after);
            at = orEmpty(at);
            expectedVersion = orEmpty(expectedVersion);
        }
    }

    /** The entries go, in the order listed here, after {@code after} (or to {@code at}). */
    public record MoveEntries(List<Long> entryIds, Optional<Long> after, Optional<String> at, Optional<Long> expectedVersion) {
        public MoveEntries {
            after = orEmpty(after);
            at = orEmpty(at);
            expectedVersion = orEmpty(expectedVersion);
        }
    }

    public record RemoveEntries(List<Long> entryIds, Optional<Long> expectedVersion) {
        public RemoveEntries {
            expectedVersion = orEmpty(expectedVersion);
        }
    }

    public record AddCollaborator(String username) {
    }

    public record CreateInvite(Optional<Integer> expiresInHours) {
        public CreateInvite {
            expiresInHours = orEmpty(expiresInHours);
        }
    }

    public record Join(String token) {
    }

    @SuppressWarnings("OptionalAssignedToNull")
    private static <T> Optional<T> orEmpty(Optional<T> value) {
        return value == null ? Optional.empty() : value;
    }
}
