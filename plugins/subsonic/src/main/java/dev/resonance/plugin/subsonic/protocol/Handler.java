package dev.resonance.plugin.subsonic.protocol;

/** A method's work: reads the call, asks the catalog, answers; throws {@link ApiError} to refuse. */
@FunctionalInterface
public interface Handler {
    Reply handle(Call call);
}
