package dev.resonance.impl.stream;

import dev.resonance.api.auth.Caller;
import dev.resonance.api.auth.SignedIn;
import dev.resonance.api.error.ResonanceException;
import dev.resonance.impl.http.RequestCaller;
import javax.ws.rs.GET;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

/**
 * {@code /api/v1/user/devices/{id}/streaming}: the quality settings of one of the caller's own devices (wifi and
 * cellular: a format or {@code original}, and a bitrate cap). Another user's device is a 404, like an unknown one.
 */
@Path("v1/user/devices/{id}/streaming")
@Produces(MediaType.APPLICATION_JSON)
public final class DeviceStreamingResource {

    private final StreamServices stream;

    public DeviceStreamingResource(StreamServices stream) {
        this.stream = stream;
    }

    @GET
    @SignedIn
    public DeviceStreamSettings.Settings deviceSettings(@PathParam("id") long deviceId, @Context SecurityContext security) {
        Caller caller = RequestCaller.required(security);
        return stream.devices().get(caller.userId(), deviceId).orElseThrow(() -> ResonanceException.notFound("No device " + deviceId));
    }

    @PUT
    @SignedIn
    public DeviceStreamSettings.Settings putDeviceSettings(@PathParam("id") long deviceId, DeviceStreamSettings.Settings settings,
                                                           @Context SecurityContext security) {
        Caller caller = RequestCaller.required(security);
        if (settings == null) {
            throw ResonanceException.invalid("invalid_setting", "Send {\"wifi\":{\"format\":…,\"maxBitrate\":…},\"cellular\":{…}}");
        }
        return stream.devices().put(caller.userId(), deviceId, settings).orElseThrow(() -> ResonanceException.notFound("No device " + deviceId));
    }
}
