package dev.resonance.impl.library.browse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resonance.impl.http.ApiExceptionMapper;
import javax.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

class ImageResourceBusyTest {

    @Test
    void busyDecodersAnswer503WithRetryAfterInTheOneErrorShape() {
        Response response = new ApiExceptionMapper().toResponse(ImageResource.busy());

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("2");
        assertThat(((dev.resonance.impl.http.ErrorBody) response.getEntity()).error())
                .containsEntry("code", "images_busy")
                .containsEntry("message", "The server is busy resizing other images. Try again in 2 s.");
    }
}
